#!/usr/bin/env python3
"""test/conformance/check_samples.py — conformance of the pure-C X12 277 reader.

Parses every file of a directory of real 277 samples with build/x12_dump (the
C core's view, as JSON lines) and compares it with the directory's
expected.json: claim count, segment count, trace numbers, implementation, HL
level, status composites and codes, dates, charges and payments, references,
service lines, the DESIGN 5.2 claim status, and the warnings expected for
IEA02/ISA13 and SE01 mismatches.  Prints one TAP-style line per file and a
closing "N passed, N failed"; exits 1 on any mismatch.

Called by test/conformance/Makefile.  Standard library only.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys

# References the reader exposes (DESIGN 5.1); others (D9, XZ) are not rows.
KNOWN_REFS = ("1K", "BLT", "EJ")


def dump(exe, path):
    """Run x12_dump on path; return (claims, warnings, error, end)."""
    out = subprocess.run([exe, path], capture_output=True, check=True).stdout
    claims, warnings, error, end = [], [], None, None
    for line in out.decode("utf-8", errors="replace").splitlines():
        obj = json.loads(line)
        kind = obj.pop("kind")
        if kind == "claim":
            claims.append(obj)
        elif kind == "warning":
            warnings.append(obj)
        elif kind == "error":
            error = obj
        elif kind == "end":
            end = obj
    return claims, warnings, error, end


def dtp472(claim):
    """The claim's own DTP*472 dates as (from, to), or None."""
    if claim["service_dates_from_lines"] or claim["service_from"] is None:
        return None
    return (claim["service_from"], claim["service_to"])


def expected_dtp472(spec):
    """expected.json's "D8*X" or "RD8*A-B" as (from, to), or None."""
    if spec is None:
        return None
    fmt, value = spec.split("*", 1)
    if fmt == "D8":
        return (value, value)
    start, end = value.split("-", 1)
    return (start, end)


def compare_claim(i, got, exp, implementation, problems):
    """Append to problems every difference between one claim and its facts."""

    def check(what, g, e):
        if g != e:
            problems.append("claim %d (%s): %s is %r, expected %r"
                            % (i + 1, exp.get("trn02"), what, g, e))

    check("trace number", got["trace_number"], exp["trn02"])
    check("implementation", got["implementation"], implementation)
    check("HL level", got["hl_level"], exp["hl_level"])
    check("is_dependent", got["is_dependent"], exp["hl_level"] == "23")
    check("STC01", got["stc01"], exp["stc01"])
    check("category code", got["category_code"], exp["category"])
    check("status code", got["status_code"], exp["status_code"])
    check("entity code", got["entity_code"], exp["entity"])
    check("code list qualifier", got["code_list_qualifier"], exp["code_list_qualifier"])
    check("status date (STC02)", got["status_date"], exp["stc02_date"])
    check("action code (STC03)", got["action_code"], exp["stc03_action"])
    check("total charge (STC04)", got["total_charge"], exp["stc04_charge"])
    check("payment (STC05)", got["payment_amount"], exp["stc05_paid"])
    check("free text (STC12)", got["free_text"], exp["stc12_text"])
    check("claim-level STC count", got["claim_stc_count"], exp["claim_stc_count"])
    check("references", got["refs"],
          {k: v for k, v in exp["refs"].items() if k in KNOWN_REFS})
    check("claim DTP*472 dates", dtp472(got), expected_dtp472(exp["dtp472_claim"]))
    check("claim status", got["claim_status"], exp["proposed_status"])
    check("is_rejection", got["is_rejection"], exp["proposed_status"] == "Rejected")
    lines = got["service_lines"]
    check("service line count", len(lines), len(exp["service_lines"]))
    for j, (gl, el) in enumerate(zip(lines, exp["service_lines"])):
        svc01 = ":".join([gl["procedure_qualifier"] or "", gl["procedure_code"] or ""]
                         + gl["modifiers"])
        check("line %d SVC01" % (j + 1), svc01, el["svc01"])
        check("line %d charge" % (j + 1), gl["charge"], el["charge"])
        check("line %d paid" % (j + 1), gl["paid"], el["paid"])
        check("line %d STC01" % (j + 1), gl["stc01"], el["stc01"])


def check_file(exe, path, facts):
    """Return (ok, notes) for one sample file."""
    problems = []
    claims, warnings, error, end = dump(exe, path)
    if error is not None:
        problems.append("parse error at segment %s (%s %s): %s"
                        % (error["segment_number"], error["segment_id"],
                           error["element"], error["message"]))
    if end is None:
        problems.append("x12_dump printed no end line")
        return False, problems

    if facts is None:
        # A sample without expectations must at least parse.
        return not problems, problems + ["no expected facts; %d claims" % end["claims"]]

    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != facts["sha256"]:
        problems.append("sha256 %s differs from expected.json: the sample changed" % digest)

    if end["claims"] != facts["claim_count"]:
        problems.append("%d claims, expected %d" % (end["claims"], facts["claim_count"]))
    if error is None and end["segments"] != facts["segments_in_file"]:
        problems.append("%d segments, expected %d" % (end["segments"], facts["segments_in_file"]))
    for i, (got, exp) in enumerate(zip(claims, facts["claims"])):
        compare_claim(i, got, exp, facts["implementation"], problems)

    elements = sorted(w["element"] for w in warnings)
    expected = []
    if not facts["isa13_equals_iea02"]:
        expected.append("IEA02")
    if not facts["se01_matches_actual"]:
        expected.append("SE01")
    if elements != sorted(expected):
        problems.append("warnings on %s, expected on %s: %s"
                        % (elements, sorted(expected), [w["message"] for w in warnings]))
    for w in warnings:
        if w["element"] == "IEA02" and (facts["iea02"] not in w["message"]
                                        or facts["isa13"] not in w["message"]):
            problems.append("the IEA02 warning does not quote both numbers: " + w["message"])
    return not problems, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", required=True, help="path of the x12_dump program")
    ap.add_argument("samples", help="directory of samples with expected.json")
    args = ap.parse_args()

    with open(os.path.join(args.samples, "expected.json"), encoding="utf-8") as f:
        expected = {e["file"]: e for e in json.load(f)["files"]}
    names = sorted(n for n in os.listdir(args.samples)
                   if not n.startswith(".") and n != "expected.json"
                   and not n.upper().startswith("README")
                   and os.path.isfile(os.path.join(args.samples, n)))

    passed = failed = 0
    for n, name in enumerate(names, 1):
        ok, notes = check_file(args.dump, os.path.join(args.samples, name), expected.get(name))
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
        for note in notes:
            print("#   " + note)
        passed += ok
        failed += not ok
    for name in sorted(set(expected) - set(names)):
        print("not ok - %s is in expected.json but not in the directory" % name)
        failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
