#!/usr/bin/env python3
"""Writes scenarios.tsv: every answer path of the bundled guides with what the citizen must
be told, written from the source table (shared/data procedures.json and the Civil Status
Law articles it cites), NOT from the catalogue or the evaluator. The unit test
guided_scenarios_test walks each path through the real catalogue and compares.

    python3 tests/data/guided/expect.py > tests/data/guided/scenarios.tsv

Columns: guide, answers (question=option,...), end node; then lists split by ";": procedures, documents
(procedure/document[=English name when worded for the case]), fees
(procedure/fee=amount dong or "ask"), warnings, skipped fields (procedure/field).
"""
import itertools

ROWS = []


def row(guide, answers, end, procedures, documents, fees, warnings=(), skipped=()):
    ROWS.append("\t".join([
        guide, ",".join(f"{q}={o}" for q, o in answers), end, ";".join(procedures),
        ";".join(documents), ";".join(fees), ";".join(warnings) or "-", ";".join(skipped) or "-"]))


ID = "giay_to_tuy_than"
AUTH = "van_ban_uy_quyen"
# Luật Hộ tịch Art. 16: a birth certificate; else a witness's statement; else a declaration.
BIRTH_PAPER = {
    "hospital": "giay_chung_sinh",
    "home_witness": "giay_chung_sinh=A witness's written statement confirming the birth",
    "home_alone": "giay_chung_sinh=A signed declaration (cam đoan) about the birth",
}
COPY = ("2.000635", ["2.000635/to_khai_cap_ban_sao_trich_luc", f"2.000635/{AUTH}", f"2.000635/{ID}"],
        ["2.000635/phi_ban_sao_trich_luc=8000"])


def exempt_fee(p, code, exempt):
    # Art. 11: free for poor households, families with merit, people with disabilities;
    # otherwise the provincial council's rate, which the kiosk does not know.
    return f"{p}/{code}=" + ("0" if exempt == "yes" else "ask")


def birth():
    ks = "1.001193"
    father = [f"{ks}/cha_{x}" for x in ("ho_ten", "nam_sinh", "dan_toc", "quoc_tich", "so_dinh_danh",
                                        "noi_cu_tru")]
    for parents in ("married", "no_father", "surrogacy"):
        for place in BIRTH_PAPER:
            for timing, exempt in (("on_time", None), ("late", "yes"), ("late", "no")):
                # Surrogacy skips the parents question; it adds the proof of surrogacy.
                answers = [("need", "surrogacy")] if parents == "surrogacy" else \
                    [("need", "new"), ("parents", parents)]
                answers += [("place", place), ("timing", timing)]
                fees = []
                if exempt:
                    answers.append(("exempt", exempt))
                    fees.append(exempt_fee(ks, "le_phi_khai_sinh_qua_han", exempt))
                else:
                    fees.append(f"{ks}/le_phi_khai_sinh_dung_han=0")  # Art. 11: on time is free
                fees.append(f"{ks}/phi_ban_sao_trich_luc=8000")  # TT 281/2016, extra copies
                warnings = ["late_birth_registration"] if timing == "late" else []  # Art. 15: 60 days
                if parents == "no_father":
                    warnings.append("no_father")
                row("khai_sinh", answers, "out_birth", [ks],
                    [f"{ks}/to_khai_dang_ky_khai_sinh", f"{ks}/{BIRTH_PAPER[place]}"] +
                    ([f"{ks}/van_ban_mang_thai_ho"] if parents == "surrogacy" else []) +
                    [f"{ks}/{AUTH}", f"{ks}/{ID}"], fees, warnings,
                    father if parents == "no_father" else [])
    ack = "1.000689"
    for place, timing, exempt in itertools.product(BIRTH_PAPER, ("on_time", "late"), ("yes", "no")):
        answers = [("need", "new"), ("parents", "ack"), ("place_ack", place), ("timing_ack", timing),
                   ("exempt_ack", exempt)]
        fees = ([f"{ack}/le_phi_khai_sinh_dung_han=0"] if timing == "on_time" else []) + \
            [exempt_fee(ack, "le_phi_nhan_cha_me_con", exempt)]
        warnings = []
        if timing == "late":
            warnings.append("late_birth_registration")
            if exempt == "no":
                warnings.append("late_fee_ask_staff")
        warnings.append("parties_present")  # Art. 25
        row("khai_sinh", answers, "out_birth_ack", [ack],
            [f"{ack}/to_khai_dang_ky_khai_sinh", f"{ack}/to_khai_nhan_cha_me_con",
             f"{ack}/{BIRTH_PAPER[place]}", f"{ack}/chung_cu_quan_he_cha_me_con", f"{ack}/{AUTH}",
             f"{ack}/{ID}"], fees, warnings)
    row("khai_sinh", [("need", "abandoned")], "out_abandoned", [ks],
        [f"{ks}/to_khai_dang_ky_khai_sinh", f"{ks}/bien_ban_tre_bi_bo_roi", f"{ks}/{AUTH}", f"{ks}/{ID}"],
        [], ["fee_ask_staff"])
    row("khai_sinh", [("need", "copy")], "out_copy", [COPY[0]], COPY[1], COPY[2])
    again = "1.004884"
    row("khai_sinh", [("need", "lost")], "out_again", [again],
        [f"{again}/to_khai_dang_ky_lai_khai_sinh", f"{again}/ban_sao_giay_khai_sinh_cu",
         f"{again}/{AUTH}", f"{again}/{ID}"], [f"{again}/le_phi_dang_ky_lai=ask"],
        ["only_if_register_lost"])


def death():
    kt, xoa = "1.000656", "1.003197"
    paper = {"hospital": "The health facility's death notice",
             "court": "The court's judgment or decision declaring the death",
             "police": "The police's written confirmation (accident, unknown cause)"}
    for p, (timing, exempt), resident in itertools.product(
            paper, (("on_time", None), ("late", "yes"), ("late", "no")), ("yes", "no")):
        answers = [("need", "new"), ("paper", p), ("timing", timing)]
        if exempt:
            answers.append(("exempt", exempt))
        answers.append(("resident", resident))
        procedures = [kt]
        documents = [f"{kt}/to_khai_dang_ky_khai_tu", f"{kt}/giay_bao_tu={paper[p]}", f"{kt}/{AUTH}",
                     f"{kt}/{ID}"]
        # On time (15 days, Art. 33) is free; late: Art. 11 exemption or the province's rate.
        fees = [f"{kt}/le_phi_khai_tu_dung_han=0"] if timing == "on_time" else \
            [exempt_fee(kt, "le_phi_khai_tu_qua_han", exempt)]
        warnings = ["late_death_registration"] if timing == "late" else []
        if resident == "yes":  # the household deregisters within 7 days, no fee
            procedures.append(xoa)
            documents += [f"{xoa}/to_khai_ct01", f"{xoa}/giay_to_truong_hop_xoa"]
            fees.append(f"{xoa}/le_phi_xoa_thuong_tru=0")
            warnings.append("deregister_within_7_days")
        row("khai_tu", answers, "out_death_resident" if resident == "yes" else "out_death",
            procedures, documents, fees, warnings)
    row("khai_tu", [("need", "new"), ("paper", "none")], "exit_no_paper", [], [], [])
    row("khai_tu", [("need", "copy")], "out_copy", [COPY[0]], COPY[1], COPY[2])
    again = "1.005461"
    row("khai_tu", [("need", "lost")], "out_again", [again],
        [f"{again}/to_khai_dang_ky_lai_khai_tu", f"{again}/ban_sao_giay_chung_tu_cu", f"{again}/{AUTH}",
         f"{again}/{ID}"], [f"{again}/le_phi_dang_ky_lai=ask"])
    b = "1.001731"
    row("khai_tu", [("need", "burial")], "out_burial", [b],
        [f"{b}/to_khai_mau_04", f"{b}/ban_sao_giay_chung_tu", f"{b}/quyet_dinh_thoi_huong"],
        [f"{b}/khong_thu_phi=0"])


def marriage():
    kh = "1.000894"
    for residence, before in itertools.product(("both", "one", "neither"), ("yes", "no")):
        documents = [f"{kh}/to_khai_dang_ky_ket_hon"]
        if residence != "both":  # only for one not resident where the marriage is registered
            documents.append(f"{kh}/giay_xac_nhan_tinh_trang_hon_nhan")
        if before == "yes":
            documents.append(f"{kh}/giay_to_ly_hon_hoac_chung_tu")
        documents += [f"{kh}/{AUTH}", f"{kh}/{ID}"]
        row("ket_hon", [("need", "register"), ("foreign", "yes"), ("residence", residence),
                        ("before", before)], "out_marriage", [kh], documents,
            [f"{kh}/le_phi_ket_hon=0"], ["both_present", "marriage_age"])
    fk = "2.000806"  # Civil Status Law Art. 38; the fee is the province's
    row("ket_hon", [("need", "register"), ("foreign", "no")], "out_marriage_foreign", [fk],
        [f"{fk}/to_khai_dang_ky_ket_hon", f"{fk}/giay_xac_nhan_y_te",
         f"{fk}/giay_to_tinh_trang_hon_nhan", f"{fk}/ban_sao_ho_chieu", f"{fk}/{ID}"],
        [f"{fk}/le_phi_ket_hon=ask"])
    st = "1.004873"
    for before, again, exempt in itertools.product(("yes", "no"), repeat=3):
        documents = [f"{st}/to_khai_xac_nhan_tinh_trang_hon_nhan"]
        if before == "yes":
            documents.append(f"{st}/giay_to_ly_hon")
        if again == "yes":
            documents.append(f"{st}/giay_xac_nhan_cu_cap_lai")
        documents += [f"{st}/{AUTH}", f"{st}/{ID}"]
        row("ket_hon", [("need", "status"), ("ms_before", before), ("ms_again", again),
                        ("ms_exempt", exempt)], "out_status", [st], documents,
            [exempt_fee(st, "le_phi_xac_nhan_tinh_trang_hon_nhan", exempt)], ["valid_6_months"])
    row("ket_hon", [("need", "copy")], "out_copy", [COPY[0]], COPY[1], COPY[2])
    again = "1.004746"
    row("ket_hon", [("need", "lost")], "out_again", [again],
        [f"{again}/to_khai_dang_ky_lai_ket_hon", f"{again}/ban_sao_giay_chung_nhan_ket_hon_cu",
         f"{again}/{AUTH}", f"{again}/{ID}"], [f"{again}/le_phi_dang_ky_lai=ask"])


def residence():
    # TT 75/2022: in person / online amounts; the exempted groups (Art. 4) give 0.
    def fees(p, direct, online, amounts, exempt):
        return [f"{p}/{direct}=" + ("0" if exempt == "yes" else str(amounts[0])),
                f"{p}/{online}=" + ("0" if exempt == "yes" else str(amounts[1]))]

    tt = "1.004222"
    home_docs = {"own": ["giay_to_cho_o_hop_phap"],
                 "relative": ["y_kien_dong_y_chu_ho", "giay_to_quan_he_nhan_than"],
                 "rented": ["y_kien_dong_y_chu_ho", "hop_dong_thue_muon_o_nho"]}
    for home, exempt in itertools.product(home_docs, ("yes", "no")):
        row("cu_tru", [("need", "permanent"), ("home", home), ("exempt_perm", exempt)], "out_permanent",
            [tt], [f"{tt}/to_khai_ct01"] + [f"{tt}/{d}" for d in home_docs[home]],
            fees(tt, "le_phi_thuong_tru_truc_tiep", "le_phi_thuong_tru_truc_tuyen", (20000, 10000),
                 exempt))
    for need, q, end, p, docs, codes, amounts in (
            ("temporary", "exempt_tmp", "out_temporary", "1.004194",
             ["to_khai_ct01", "giay_to_cho_o_hop_phap"],
             ("le_phi_tam_tru_truc_tiep", "le_phi_tam_tru_truc_tuyen"), (15000, 7000)),
            ("extend", "exempt_ext", "out_extend", "1.002755", ["to_khai_ct01", "giay_to_cho_o_hop_phap"],
             ("le_phi_gia_han_truc_tiep", "le_phi_gia_han_truc_tuyen"), (15000, 7000)),
            ("split", "exempt_split", "out_split", "1.010038", ["to_khai_ct01", "giay_to_ly_hon_cho_o"],
             ("le_phi_tach_ho_truc_tiep", "le_phi_tach_ho_truc_tuyen"), (10000, 5000))):
        for exempt in ("yes", "no"):
            row("cu_tru", [("need", need), (q, exempt)], end, [p], [f"{p}/{d}" for d in docs],
                fees(p, *codes, amounts, exempt))
    row("cu_tru", [("need", "remove")], "out_remove", ["1.003197"],
        ["1.003197/to_khai_ct01", "1.003197/giay_to_truong_hop_xoa"], ["1.003197/le_phi_xoa_thuong_tru=0"],
        ["deregister_within_7_days"])
    row("cu_tru", [("need", "absence")], "out_absence", ["1.003677"],
        ["1.003677/de_nghi_khai_bao_tam_vang", "1.003677/van_ban_dong_y_co_quan_quan_ly"],
        ["1.003677/le_phi_tam_vang=0"])
    row("cu_tru", [("need", "confirm")], "out_confirm", ["1.010041"], ["1.010041/to_khai_ct01"],
        ["1.010041/le_phi_xac_nhan_cu_tru=0"])


def certification():
    bs = "2.000815"
    # NĐ 23 fee: 2,000 dong a page for pages 1-2, 1,000 from page 3 (cap 200,000 a copy).
    for pages, amount in (("p1", 2000), ("p2", 4000), ("p3", 5000), ("p4", 6000), ("p5", 7000),
                          ("p6_or_more", "ask")):
        row("chung_thuc", [("need", "copy"), ("issuer", "vietnam"), ("intact", "intact"),
                           ("pages", pages)], "out_copy_cert", [bs],
            [f"{bs}/ban_chinh_giay_to", f"{bs}/ban_sao_can_chung_thuc"],
            [f"{bs}/phi_chung_thuc_ban_sao={amount}"])
    row("chung_thuc", [("need", "copy"), ("issuer", "foreign")], "exit_foreign", [], [], [])
    row("chung_thuc", [("need", "copy"), ("issuer", "vietnam"), ("intact", "damaged")], "exit_damaged",
        [], [], [])
    row("chung_thuc", [("need", "signature")], "out_signature", ["2.000884"],
        ["2.000884/giay_to_tuy_than_nguoi_ky", "2.000884/giay_to_se_ky"],
        ["2.000884/phi_chung_thuc_chu_ky=10000"])
    row("chung_thuc", [("need", "extract")], "out_extract", [COPY[0]], COPY[1], COPY[2])
    row("chung_thuc", [("need", "residence")], "out_residence", ["1.010041"], ["1.010041/to_khai_ct01"],
        ["1.010041/le_phi_xac_nhan_cu_tru=0"])


for make in (birth, death, marriage, residence, certification):
    make()
print("# guide\tanswers\tend\tprocedures\tdocuments\tfees\twarnings\tskipped (generated by expect.py)")
print("\n".join(ROWS))
