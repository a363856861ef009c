// test/bench/node/x12_bench.js — the node-x12 baseline of the X12 benchmark:
// parses the file in non-strict mode (X12Parser(false)) REPEAT times and
// prints the claims (TRN*2 segments) and the best and median MB/s.
'use strict';
const fs = require('fs');
const { X12Parser } = require('node-x12');

const file = process.argv[2];
const repeat = Number(process.argv[3] || 3);
const text = fs.readFileSync(file, 'latin1');
const rates = [];
let claims = 0;
for (let r = 0; r < repeat; r++) {
  const t0 = process.hrtime.bigint();
  const interchange = new X12Parser(false).parse(text);
  claims = 0;
  for (const group of interchange.functionalGroups) {
    for (const ts of group.transactions) {
      for (const seg of ts.segments) {
        if (seg.tag === 'TRN' && seg.elements[0].value === '2') claims++;
      }
    }
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  rates.push(text.length / 1e6 / secs);
}
rates.sort((a, b) => a - b);
console.log(`claims=${claims} bytes=${text.length} best_mb_s=${rates[rates.length - 1].toFixed(2)} median_mb_s=${rates[Math.floor(repeat / 2)].toFixed(2)}`);
