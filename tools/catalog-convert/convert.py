#!/usr/bin/env python3
"""Converts the gathered procedure data into the kiosk's catalogue format (docs/catalog-format.md).

    python3 tools/catalog-convert/convert.py SOURCE/procedures.json assets/catalog/catalog.json

Deterministic: the same input gives the same bytes. Every value that is not in the source
(written here from the source's agency, processing time and documents, or taken from
content.py / translations.py) is listed by JSON pointer in the procedure's
provenance.inferred, so nobody mistakes it for sourced text.

The procedures of extra_procedures.json (this folder) follow those of SOURCE: same shape,
plus their own sources ({url, via, kind, supports}), processing_days and the pointers of
the values no source gives (docs/catalog-format.md, "Producing the bundled catalogue").
"""
import json
import os
import re
import sys
import unicodedata

import content
import guided
import keywords
import lists
import translations

CATALOG_VERSION = "2026-11-01"
POLICE = "Công an"
EXTRA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extra_procedures.json")
SOURCE_KINDS = ("official", "secondary")
EXTRA_KEYS = {"code", "name_vi", "name_en", "field_vi", "field_en", "agency_vi", "agency_en",
              "life_events", "documents", "processing_time_vi", "processing_time_en",
              "processing_days", "fees", "legal_basis", "form_fields", "confidence",
              "remarks_en", "sources", "inferred"}


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def text(vi, en=""):
    return {"vi": nfc(vi or ""), "en": nfc(en or "")}


def strip_markers(s):
    """Removes bracketed source markers such as [V2] or [inferred]."""
    return re.sub(r"\s*\[(V2?|I|inferred[^\]]*)\]", "", s or "").strip()


def is_police(p):
    return p["agency_vi"].startswith(POLICE)


def convert_procedure(p, index, life_event_names):
    inferred = []
    base = f"/procedures/{index}"

    def mark(pointer):
        inferred.append(base + pointer)

    field_code = content.FIELD_CODES.get(p["field_vi"], re.sub(r"[^a-z0-9]+", "_", p["field_en"].lower()))
    name_vi_lower = p["name_vi"][0].lower() + p["name_vi"][1:]

    # Who it is for and where the result is received: written from the acting office.
    who = text(
        f"Người có yêu cầu {name_vi_lower}, hoặc người được họ ủy quyền. "
        f"Cơ quan giải quyết: {p['agency_vi']}.",
        f"Anyone who needs this ({p['name_en'].lower()}), or a person they authorise. "
        f"Handled by: {p['agency_en']}.")
    mark("/who")
    if is_police(p):
        result_at = text("Tại Công an cấp xã nơi nộp hồ sơ (hoặc nhận thông báo kết quả qua "
                         "Cổng dịch vụ công, ứng dụng VNeID).",
                         "At the commune police where the dossier was filed (or the result is "
                         "notified through the public service portal or the VNeID app).")
    else:
        result_at = text("Tại Trung tâm Phục vụ hành chính công (Bộ phận Một cửa) của xã, phường "
                         "nơi nộp hồ sơ, hoặc qua dịch vụ bưu chính nếu đã đăng ký.",
                         "At the commune or ward public service centre (one-stop desk) where the "
                         "dossier was filed, or by post if requested.")
    mark("/result_at")

    office_vi = "Công an cấp xã" if is_police(p) else "Bộ phận Một cửa"
    office_en = "the commune police" if is_police(p) else "the one-stop desk"
    steps = [
        text("Chuẩn bị các giấy tờ trong mục «Giấy tờ cần mang».",
             "Gather the papers listed under “Documents to bring”."),
        text("Khai hồ sơ trên ki-ốt, xác nhận và giữ phiếu có mã hồ sơ.",
             "Fill in the dossier on the kiosk, confirm it and keep the slip with its code."),
        text(f"Mang phiếu và giấy tờ bản chính đến {office_vi} để cán bộ kiểm tra và tiếp nhận; "
             "nộp lệ phí nếu có.",
             f"Bring the slip and the original papers to {office_en} so an officer can check and "
             "accept the dossier; pay any fee."),
        text(f"Nhận kết quả: {p['processing_time_vi']}", f"Get the result: {p['processing_time_en']}"),
    ]
    mark("/steps")

    situations = [{
        "code": "ca_nhan_tu_nop",
        "title": text("Tự nộp hồ sơ", "Filing for yourself"),
        "description": text("Người có yêu cầu tự khai và nộp hồ sơ.",
                            "The person concerned fills in and files the dossier."),
    }]
    conditional = [d for d in p["documents"] if re.search(r"\((chỉ khi|nếu)", d["name_vi"])]
    if any("ủy quyền" in d["name_vi"] for d in conditional):
        situations.append({
            "code": "uy_quyen",
            "title": text("Nhờ người khác nộp", "Someone files for you"),
            "description": text("Người được ủy quyền nộp thay; mang thêm văn bản ủy quyền.",
                                "An authorised person files on your behalf and brings the "
                                "letter of authorisation."),
        })
    mark("/situations")

    documents = []
    for d in p["documents"]:
        note_vi = strip_markers(d.get("note_vi", ""))
        note_en = translations.DOCUMENT_NOTE.get(note_vi, "")
        documents.append({
            "code": d["code"],
            "name": text(strip_markers(d["name_vi"]), strip_markers(d["name_en"])),
            "original": bool(d["original"]),
            "copies": int(d["copies"]),
            "note": text(note_vi, note_en),
        })

    fees = []
    for f in p["fees"]:
        name_vi = strip_markers(f["name_vi"])
        note_vi = strip_markers(f.get("note_vi", ""))
        fees.append({
            "code": f["code"],
            "name": text(name_vi, translations.FEE_NAME.get(name_vi, "")),
            "amount_dong": f["amount_dong"],
            "note": text(note_vi, translations.FEE_NOTE.get(note_vi, "")),
        })

    if "processing_days" in p:  # an extra procedure: its "inferred" says whether sourced
        days = (p["processing_days"], False)
    else:
        days = content.PROCESSING_DAYS.get(p["code"], (None, False))
    if days[1]:
        mark("/processing_days")

    fields, groups = convert_fields(p, mark)

    out = {
        "code": p["code"],
        "name": text(p["name_vi"], p["name_en"]),
        "field": {"code": field_code, "name": text(p["field_vi"], p["field_en"])},
        "life_events": [e for e in p["life_events"] if e in life_event_names],
        "agency": text(p["agency_vi"], p["agency_en"]),
        "who": who,
        "situations": situations,
        "steps": steps,
        "documents": documents,
        "fees": fees,
        "processing_time": text(p["processing_time_vi"], p["processing_time_en"]),
        "processing_days": days[0],
        "result_at": result_at,
        "legal_basis": [strip_markers(x) for x in p["legal_basis"]],
        "last_updated": CATALOG_VERSION,
        "groups": groups,
        "fields": fields,
    }
    if p["code"] in keywords.KEYWORDS:
        out["keywords"] = [nfc(k) for k in keywords.KEYWORDS[p["code"]]]
    mark("/last_updated")
    for pointer in p.get("inferred", []):
        mark(pointer)
    out["provenance"] = {
        "confidence": p.get("confidence", ""),
        "sources": [source_text(x) for x in p.get("sources", [])],
        "remarks": p.get("remarks_en", ""),
        "inferred": inferred,
    }
    return out


def source_text(source):
    """A gathered source is a string already; an extra procedure's is {url, via, kind,
    supports}, written out as one line so provenance.sources stays a list of strings."""
    if isinstance(source, str):
        return source
    return (f"{source['url']} ({source['via']}) [{source['kind']}]: "
            + "; ".join(source["supports"]))


def check_extra(procedures, taken):
    """The extra data file's rules (docs/catalog-format.md): every procedure names its
    sources, one of them gives the national code, and says which values no source gives."""
    for p in procedures:
        code = p.get("code", "?")
        where = f"extra_procedures.json: procedure {code}"
        if set(p) != EXTRA_KEYS:
            raise SystemExit(f"{where}: keys differ from the format: "
                             f"missing {sorted(EXTRA_KEYS - set(p))}, unknown "
                             f"{sorted(set(p) - EXTRA_KEYS)}")
        if code in taken:
            raise SystemExit(f"{where}: the code is already in the catalogue")
        taken.add(code)
        if not p["sources"]:
            raise SystemExit(f"{where}: no sources")
        for s in p["sources"]:
            if set(s) != {"url", "via", "kind", "supports"} or not s["url"].startswith("https://") \
                    or s["kind"] not in SOURCE_KINDS or not s["supports"]:
                raise SystemExit(f"{where}: a source needs an https url, via, kind "
                                 f"{SOURCE_KINDS} and what it supports: {s}")
        if not any(f.startswith("code") for s in p["sources"] for f in s["supports"]):
            raise SystemExit(f"{where}: no source supports the national code")
        if not all(x.startswith("/") for x in p["inferred"]):
            raise SystemExit(f"{where}: inferred values are JSON pointers into the procedure")


def page_of(code, pages):
    for group, patterns, *_ in pages:
        for pat in patterns:
            if pat == "*" or pat == code or (pat.endswith("*") and code.startswith(pat[:-1])):
                return group
    return None


def convert_fields(p, mark):
    pages = content.PAGES.get(p["code"], [("yeu_cau", ["*"])])
    groups = []
    for group, _patterns, *title in pages:
        vi, en = title[0] if title else content.GROUP_TITLES[group]
        if not any(g["code"] == group for g in groups):
            groups.append({"code": group, "title": text(vi, en)})
    fields = []
    fi = 0
    for f in p["form_fields"]:
        if f["code"] in content.APPLICANT_FIELDS:
            continue  # part of the portal body's fixed applicant object
        group = page_of(f["code"], pages) or groups[-1]["code"]
        label_en = content.LABEL_EN_FIXES.get(f["code"], f["label_en"])
        out = {
            "code": f["code"],
            "label": text(f["label_vi"], label_en),
            "type": f["type"],
            "required": bool(f["required"]),
            "group": group,
        }
        help_text = content.HELP.get((p["code"], f["code"]))
        if help_text:
            out["help"] = text(*help_text)
        if f["type"] == "choice":
            out["options"] = [{"value": nfc(o), "label": text(o, content.OPTION_EN.get(o, ""))}
                              for o in f["options"]]
        if f["type"] == "number":
            lo, hi, not_after = content.NUMBER_RULES.get(f["code"], (0, 1_000_000, None))
            out["min"], out["max"] = lo, hi
            if not_after:
                out["not_after"] = not_after
            mark(f"/fields/{fi}/min")
        if f["type"] == "date":
            if f["code"].endswith(content.DATE_NOT_AFTER_TODAY_SUFFIXES):
                out["not_after"] = "today"
            if f["code"] in content.DATE_NOT_BEFORE_TODAY:
                out["not_before"] = "today"
        if f["type"] == "text":
            out["max_length"] = content.LONG_TEXT.get(f["code"], 200)
        picked_from = lists.list_for(f["code"], f["type"])
        if picked_from:
            out["list"] = picked_from
        if (p["code"], f["code"]) in content.FIELD_PARTS_INFERRED:
            mark(f"/fields/{fi}")
        fields.append(out)
        fi += 1
    if p["code"] in content.FORM_FIELDS_INFERRED:
        mark("/fields")
    used = {f["group"] for f in fields}
    groups = [g for g in groups if g["code"] in used]
    return fields, groups


def main(src, dst):
    procedures = json.load(open(src, encoding="utf-8"))
    extra = json.load(open(EXTRA, encoding="utf-8"))
    check_extra(extra, {p["code"] for p in procedures})
    procedures += extra
    life_events = [{"code": c, "name": text(vi, en)} for c, vi, en in content.LIFE_EVENTS]
    names = {e["code"] for e in life_events}
    doc = {
        "format": 2,
        "catalog_version": CATALOG_VERSION,
        "life_events": life_events,
        "lists": lists.lists(),
        "procedures": [convert_procedure(p, i, names) for i, p in enumerate(procedures)],
        "bundles": content.BUNDLES,
        "guides": guided.guides(),
    }
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
