#!/usr/bin/env python3
"""test/bench/x12_generate.py — writes a large, valid 005010X212 277 for the
X12 benchmarks: CLAIMS claims (default 100,000, about 50 MB) in one
interchange, 100 claims per billing provider, each with several STC
segments, references, a service date and three service lines.

usage: x12_generate.py OUTPUT [CLAIMS]
"""
import random
import sys

out_path = sys.argv[1]
claims = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
rng = random.Random(277)
statuses = [("F1:65", "F1:65"), ("F2:88:QC", "F2:96"), ("F0:3", "F0:3"), ("P3:317", None),
            ("A1:19", None), ("F4:6", "F4:6"), ("F3:101", None), ("A7:562:85", None)]

seg = []
def s(*elements):
    seg.append("*".join(elements) + "~\n")

isa = ("ISA*00*          *00*          *ZZ*BENCHSUBMIT    *ZZ*BENCHRECEIVE   "
       "*240115*1200*^*00501*000000277*0*P*:~\n")
with open(out_path, "w") as f:
    f.write(isa)
    f.write("GS*HN*BENCHSUBMIT*BENCHRECEIVE*20240115*1200*277*X*005010X212~\n")
    f.write("ST*277*0001*005010X212~\n")
    count = 1  # ST
    s("BHT", "0010", "08", "BENCH", "20240115", "1200", "DG")
    s("HL", "1", "", "20", "1")
    s("NM1", "PR", "2", "BENCH HEALTH PLAN", "", "", "", "", "PI", "BENCH01")
    s("HL", "2", "1", "21", "1")
    s("NM1", "41", "2", "BENCH BILLING", "", "", "", "", "46", "BB0001")
    hl = 2
    provider_hl = None
    for i in range(claims):
        if i % 100 == 0:
            hl += 1
            provider_hl = hl
            s("HL", str(hl), "2", "19", "1")
            s("NM1", "1P", "2", "BENCH CLINIC %d" % (i // 100), "", "", "", "", "XX", "1245319599")
        hl += 1
        s("HL", str(hl), str(provider_hl), "22", "0")
        s("NM1", "IL", "1", "PATIENT%06d" % i, "ALEX", "", "", "", "MI", "MEM%08d" % i)
        s("TRN", "2", "TRACE%08d" % i)
        claim_stc, line_stc = statuses[i % len(statuses)]
        charge = rng.randint(50, 900)
        paid = 0 if claim_stc.startswith("F2") else charge * 7 // 10
        s("STC", claim_stc, "20240110", "", "%d.00" % charge, "%d.00" % paid, "20240109",
          "", "20240112", "EFT%07d" % i)
        s("STC", "F1:171", "20240110")
        s("REF", "1K", "PCN%09d" % i)
        s("REF", "EJ", "ACCT%08d" % i)
        s("REF", "BLT", "131")
        s("DTP", "472", "RD8", "20231201-20231203")
        per = charge // 3
        for line in range(3):
            s("SVC", "HC:9921%d:25" % (line + 3), "%d.00" % per, "%d.00" % (per * 7 // 10), "", "", "", "1")
            if line_stc:
                s("STC", line_stc, "20240110")
            s("REF", "FJ", "L%08d%d" % (i, line))
            s("DTP", "472", "D8", "2023120%d" % (line + 1))
        if len(seg) > 10000:
            count += len(seg)
            f.write("".join(seg))
            seg.clear()
    count += len(seg) + 1  # + SE
    f.write("".join(seg))
    f.write("SE*%d*0001~\nGE*1*277~\nIEA*1*000000277~\n" % count)
