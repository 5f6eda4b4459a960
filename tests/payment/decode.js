// Reads VietQR payloads, one per line, and prints what an independent decoder (the npm
// package vietnam-qr-pay) makes of each, one JSON object per line. Test-only.
'use strict';
const { QRPay } = require('vietnam-qr-pay');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
for (const line of lines) {
  const q = new QRPay(line);
  process.stdout.write(JSON.stringify({
    valid: q.isValid, provider: q.provider && q.provider.name, service: q.provider && q.provider.service,
    bin: q.consumer && q.consumer.bankBin, account: q.consumer && q.consumer.bankNumber,
    amount: q.amount, currency: q.currency, nation: q.nation, init: q.initMethod,
    purpose: q.additionalData && q.additionalData.purpose,
  }) + '\n');
}
