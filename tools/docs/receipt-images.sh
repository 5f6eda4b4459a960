#!/usr/bin/env bash
# Regenerates docs/images/receipt-80mm-vi.png and receipt-58mm-en.png with the built
# quayctl: a residence registration with a long name, the fee settled (so the slip carries
# the VietQR) and a queue number, rendered exactly as printed.
# Usage: tools/docs/receipt-images.sh [BUILD_DIR]   (default build/asan)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build/asan}" && pwd)"
quayctl="$build/kiosk/app/quayctl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/quay.toml" <<TOML
[kiosk]
id = "K0042"
data_dir = "$work/data"
language = "vi"

[centre]
name_vi = "UBND xã Hòa Phú"
name_en = "Hoa Phu Commune People's Committee"

[payment]
bank_bin = "970436"
account = "0011001234567"
account_name = "UBND XA HOA PHU"

[queue]
numbers = true
TOML

cat >"$work/draft.json" <<'JSON'
{
  "procedure_code": "1.004222",
  "applicant": {
    "full_name": "Tôn Nữ Hoàng Quỳnh Hương Nguyễn Phước Thị Huyền Trân Bửu Chưởng Khuê Diệp",
    "id_number": "046190012678",
    "date_of_birth": "1990-04-12",
    "phone": "0905123678",
    "email": null,
    "address": "Thôn Đông, xã Hòa Phú, thành phố Đà Nẵng"
  },
  "fields": {
    "noi_dung_de_nghi": "Đăng ký thường trú",
    "dia_chi_dang_ky": "Thôn Đông, xã Hòa Phú, thành phố Đà Nẵng"
  },
  "fee_due": 20000
}
JSON

id="$("$quayctl" --config "$work/quay.toml" submit "$work/draft.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["dossier_id"])')"
"$quayctl" --config "$work/quay.toml" receipt "$id" --out "$root/docs/images/receipt-80mm-vi.png" \
  --lang vi --width 576 >/dev/null
"$quayctl" --config "$work/quay.toml" receipt "$id" --out "$root/docs/images/receipt-58mm-en.png" \
  --lang en --width 384 >/dev/null
echo "docs/images/receipt-80mm-vi.png and receipt-58mm-en.png regenerated from dossier $id" >&2
