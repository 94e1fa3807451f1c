"""What each seed report must parse to, cell by cell (checked by hand against the seeds)."""

from __future__ import annotations

from typing import Any

Z7 = [0, 0, 0, 0, 0, 0, 0]
Z5 = [0, 0, 0, 0, 0]

REQUEST_KEYS_2021 = [
    "new", "carried_over", "granted", "partially_granted",
    "denied.state_secret", "denied.prohibited_by_law", "denied.three_safeties",
    "denied.third_party", "denied.internal_affairs", "denied.process_info",
    "denied.enforcement_file", "denied.query_item",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
    "other.no_correction", "other.no_fee", "other.other", "total", "carry_forward",
]
REQUEST_KEYS_2019 = [*REQUEST_KEYS_2021[:20], "other", "total", "carry_forward"]

ACTIVE_2021_ZERO = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
    "licensing": {"decisions": 0},
    "penalty": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount": 0},
}
SECTION_TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
                  "其他需要报告的事项"]


def _sections(*lines: int) -> list[dict[str, Any]]:
    return [{"number": n, "title": t, "line": line}
            for n, (t, line) in enumerate(zip(SECTION_TITLES, lines, strict=True), start=1)]


SEEDS: dict[str, dict[str, Any]] = {
    "000_6a437f78ed373b70.txt": {
        "agency": "高庄镇人民政府", "agency_kind": "township", "year": 2024, "format": "2021",
        "sections": _sections(2, 9, 24, 53, 58, 61),
        "active": ACTIVE_2021_ZERO,
        "requests": {key: Z7 for key in REQUEST_KEYS_2021},
        "review": {"review": Z5, "litigation_direct": Z5, "litigation_after_review": Z5},
    },
    "001_e0653abc3b201f3e.txt": {
        "agency": "孟州市西虢镇人民政府", "agency_kind": "township", "year": 2020, "format": "2019",
        "sections": _sections(5, 15, 37, 68, 75, 91),
        "active": {
            "rules": {"new_made": 0, "new_published": 0, "total_published": 0},
            "normative_documents": {"new_made": 0, "new_published": 0, "total_published": 0},
            "licensing": {"previous_count": 0, "change": 0, "decisions": 0},
            "other_services": {"previous_count": 0, "change": 0, "decisions": 0},
            "penalty": {"previous_count": 0, "change": 0, "decisions": 0},
            "enforcement": {"previous_count": 0, "change": 0, "decisions": 0},
            "fees": {"previous_count": 0, "change": 0},
            "procurement": {"projects": 2, "amount": 576.76},
        },
        "requests": {key: Z7 for key in REQUEST_KEYS_2019},
        "review": {"review": Z5, "litigation_direct": Z5, "litigation_after_review": Z5},
    },
    "002_1e1d37345e448265.txt": {
        "agency": "甘河子镇", "agency_kind": "township", "year": 2024, "format": "2021",
        "sections": _sections(6, 15, 61, 346, 392, 401),
        "active": {**ACTIVE_2021_ZERO, "penalty": {"decisions": 5}},
        "requests": {key: Z7 for key in REQUEST_KEYS_2021},
        "review": {"review": Z5, "litigation_direct": Z5, "litigation_after_review": Z5},
        "signature": {"agency": "乌苏市甘河子镇人民政府", "date": "2025-01-20", "line": 404},
    },
    "003_75f5e1dd19ed0e46.txt": {
        "agency": "桐柏县产业集聚区管理委员会", "agency_kind": "department", "year": 2023,
        "format": "2021",
        "sections": _sections(6, 27, 44, 75, 82, 86),
        "active": ACTIVE_2021_ZERO,
        "requests": {key: Z7 for key in REQUEST_KEYS_2021},
        "review": {"review": Z5, "litigation_direct": Z5, "litigation_after_review": Z5},
        "debris": ["breadcrumb", "meta", "share", "qr-code", "download", "related"],
    },
    "004_6f3669565db78123.txt": {
        "agency": "大渡口区跳磴镇人民政府", "agency_origin": "text", "agency_kind": "township",
        "year": 2024, "format": "2021",
        "sections": _sections(3, 15, 61, 348, 404, 409),
        "active": ACTIVE_2021_ZERO,
        "requests": {**{key: Z7 for key in REQUEST_KEYS_2021},
                     "new": [4, 0, 0, 0, 0, 0, 4],
                     "granted": [3, 0, 0, 0, 0, 0, 3],
                     "partially_granted": [1, 0, 0, 0, 0, 0, 1],
                     "total": [4, 0, 0, 0, 0, 0, 4]},
        "review": {"review": [0, 1, 0, 0, 1], "litigation_direct": Z5,
                   "litigation_after_review": [1, 0, 0, 0, 1]},
    },
}
