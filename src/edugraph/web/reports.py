"""The report pages: home, coverage heat map, gaps, alignment bases, validation and the ontology.

Each handler gathers values (`overview`, `validate`), draws pictures
(`pictures`) and renders a template; the data comes through the app's back
end (`request.app.state.backend`), so the pages are the same on the embedded
store and on a SPARQL endpoint. The validation report is the one `edugraph
validate` computes on the local build (SHACL needs the dataset itself).
"""
from __future__ import annotations

import threading
from pathlib import Path

from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Route

from .. import overview, pictures
from ..namespaces import EDU
from ..validate import pick, short_name

TEXT = {
    "home": ("What the graph holds", "ข้อมูลในกราฟ"),
    "coverage": ("Coverage of OBEC policy items", "ความครอบคลุมนโยบาย สพฐ."),
    "gaps": ("Gaps", "ช่องว่าง"),
    "bases": ("Alignment bases per office", "ที่มาของความสอดคล้องรายหน่วยงาน"),
    "validation": ("Validation report", "รายงานการตรวจสอบ"),
    "ontology": ("Ontology", "ออนโทโลยี"),
    "year": ("Fiscal year", "ปีงบประมาณ"),
    "show": ("Show", "แสดง"),
    "office": ("Office", "หน่วยงาน"),
    "plan": ("Plan", "แผน"),
    "severity": ("Severity", "ระดับ"),
    "shape": ("Shape", "รูปแบบการตรวจ"),
    "all": ("all", "ทั้งหมด"),
    "element": ("Element", "องค์ประกอบ"),
    "message": ("Message", "ข้อความ"),
    "source": ("Source", "ต้นทาง"),
    "evidence": ("Evidence", "หลักฐาน"),
    "line": ("line", "บรรทัด"),
    "results": ("results", "รายการ"),
    "label": ("Label", "ชื่อ"),
    "stale": ("dist/ is out of date: the sources changed since it was built. Run `edugraph build`.",
              "dist/ ไม่เป็นปัจจุบัน: ข้อมูลต้นทางเปลี่ยนหลังการสร้าง ให้รัน `edugraph build`"),
    "no_build": ("Nothing has been built yet: run `edugraph build`.", "ยังไม่ได้สร้างข้อมูล: ให้รัน `edugraph build`"),
    "stale_validation": ("The validation report needs a current build: run `edugraph build`.",
                         "รายงานการตรวจสอบต้องใช้ข้อมูลที่สร้างล่าสุด: ให้รัน `edugraph build`"),
    "obec-item-not-picked-up": ("OBEC policy items no office element serves", "นโยบาย สพฐ. ที่ไม่มีองค์ประกอบของหน่วยงานใดรับไป"),
    "element-without-alignment": ("Office strategies and policies with no alignment link of their own",
                                  "กลยุทธ์/นโยบายของหน่วยงานที่ไม่มีความเชื่อมโยงของตนเอง"),
    "indicator-serves-nothing-above-plan": ("Office indicators that serve nothing above their own plan",
                                            "ตัวชี้วัดที่ไม่สอดคล้องกับสิ่งใดเหนือแผนของตน"),
    "none": ("none", "ไม่มี"),
    "classes": ("Elements per class", "จำนวนองค์ประกอบตามประเภท"),
    "documents": ("Source documents", "เอกสารต้นทาง"),
    "dumps": ("Downloads", "ดาวน์โหลด"),
    "total": ("total", "รวม"),
    "triples": ("triples", "triples"),
    "pages": ("Pages", "หน้า"),
    "editor": ("SPARQL editor", "เครื่องมือสอบถาม SPARQL"),
    "definition": ("Definition", "นิยาม"),
    "parents": ("Broader", "ระดับบน"),
    "children": ("Narrower", "ระดับล่าง"),
    "domain": ("Domain", "โดเมน"),
    "range": ("Range", "เรนจ์"),
    "hierarchy": ("Class hierarchy", "ลำดับชั้นของคลาส"),
    "deprecated": ("deprecated", "เลิกใช้"),
    "cell_help": ("Each cell: the office's elements · indicators serving the item; click a cell for its chain down.",
                  "แต่ละช่อง: จำนวนองค์ประกอบ · ตัวชี้วัดของหน่วยงานที่สอดคล้องกับนโยบายข้อนั้น คลิกเพื่อดูการไล่ลง"),
}

# the dumps the home page offers: `edugraph export` format -> (file, media type)
DUMPS = {
    "trig": ("edugraph.trig", "application/trig"),
    "nquads": ("edugraph.nq", "application/n-quads"),
    "jsonld": ("edugraph.jsonld", "application/ld+json"),
}
DESCRIPTION_TYPE = "text/turtle"


def language(request) -> str:
    """The interface language: ?lang=en or th, Thai by default."""
    return "en" if request.query_params.get("lang") == "en" else "th"


def tr(lang: str):
    def text(key: str) -> str:
        en, th = TEXT[key]
        return th if lang == "th" else en
    return text


def _render(request, template: str, **context):
    lang = language(request)
    templates = request.app.state.templates
    helpers = {"lang": lang, "tr": tr(lang), "local": pictures.local_path, "short": short_name, "pick": pick,
               "source_line": source_line, "counts_of": lambda counts, name: counts.get(f"{EDU}{name}", 0),
               "by_iri": lambda terms: {t.iri: t for t in terms}}
    return templates.TemplateResponse(request, template, {**helpers, **context})


def source_line(document, line) -> str:
    """The place of a quote: the source document's page, at the line."""
    return pictures.local_path(str(document)) + (f"#L{line}" if line else "")


def _year(request, years: list[int]) -> int:
    raw = request.query_params.get("year", "")
    if raw:
        if not raw.isdigit() or int(raw) not in years:
            raise HTTPException(404, f"no OBEC policy for fiscal year {raw}")
        return int(raw)
    return 2567 if 2567 in years else (years[-1] if years else 2567)


def chain_down_href(office: str, item: str) -> str:
    """The chain down from an OBEC item to one office's elements: the catalogue query's page with both parameters."""
    from urllib.parse import urlencode

    return "/queries/chain-down?" + urlencode({"area": item, "office": office})


async def home(request):
    state = request.app.state
    held = overview.holdings(state.backend, state.project, language(request))
    return _render(request, "home.html", held=held, dumps=DUMPS if held else {}, backend=state.backend.describe())


async def coverage(request):
    state, lang = request.app.state, language(request)
    years = overview.fiscal_years(state.backend)
    found = overview.coverage(state.backend, state.project, _year(request, years), lang)
    svg = pictures.heat_map(found.offices, found.items, found.cells, lang, cell_href=chain_down_href)
    return _render(request, "coverage.html", coverage=found, svg=Markup(svg))


async def gaps(request):
    state, lang = request.app.state, language(request)
    years = overview.fiscal_years(state.backend)
    found = overview.gaps(state.backend, state.project, _year(request, years), lang)
    return _render(request, "gaps.html", gaps=found)


async def bases(request):
    state, lang = request.app.state, language(request)
    rows = overview.bases(state.backend, lang)
    return _render(request, "bases.html", rows=rows, svg=Markup(pictures.basis_summary(rows, lang)))


def validation_report(project):
    """The whole build's report (cached by `validate`), or None when dist/ is not current (validating would rebuild)."""
    from ..build import is_current
    from ..validate import validate

    return validate(project) if is_current(project) else None


async def validation(request):
    from starlette.concurrency import run_in_threadpool

    from ..present import summary
    from ..validate import FAIL_LEVELS

    state, params = request.app.state, request.query_params
    report = await run_in_threadpool(validation_report, state.project)
    if report is None:
        return _render(request, "validation.html", report=None)
    severity = params.get("severity") or "info"
    if severity not in FAIL_LEVELS:
        raise HTTPException(404, f"no severity {severity!r}")
    chosen = {k: params.get(k) or None for k in ("office", "plan", "shape")}
    shown = report.only(severity=severity, **chosen)
    choices = {
        "office": sorted({(str(r.office), r.office_labels.get(language(request)) or short_name(r.office)) for r in report.results if r.office}, key=lambda x: x[1]),
        "plan": sorted({(str(r.plan), short_name(r.plan)) for r in report.results if r.plan}, key=lambda x: x[1]),
        "shape": sorted({(str(r.shape), short_name(r.shape)) for r in report.results}, key=lambda x: x[1]),
    }
    return _render(request, "validation.html", report=shown, chosen=chosen, severity=severity, choices=choices,
                   summary=summary(shown), severities=list(FAIL_LEVELS))


async def ontology(request):
    return _render(request, "ontology.html", doc=overview.ontology_doc(request.app.state.project))


_DUMP_LOCK = threading.Lock()


def dump_folder(project, fmt: str) -> Path:
    """`edugraph export --format FMT` of the present build, written once per build into the cache."""
    from ..build import FULL
    from ..export import export

    built = (project.dist / FULL).stat()
    folder = project.cache / "dumps" / f"{built.st_size}-{built.st_mtime_ns}" / fmt
    with _DUMP_LOCK:
        if not (folder / "void.ttl").is_file():
            export(project, out_dir=folder, fmt=fmt, inferred=True, graph=None)
    return folder


async def dump(request):
    from starlette.concurrency import run_in_threadpool

    fmt, name = request.path_params["fmt"], request.path_params["name"]
    if fmt not in DUMPS or name not in (DUMPS[fmt][0], "void.ttl"):
        raise HTTPException(404, "no such download")
    folder = await run_in_threadpool(dump_folder, request.app.state.project, fmt)
    media = DUMPS[fmt][1] if name == DUMPS[fmt][0] else DESCRIPTION_TYPE
    return FileResponse(folder / name, media_type=media, filename=name)


ROUTES = [
    Route("/", home, name="home"),
    Route("/coverage", coverage, name="coverage"),
    Route("/gaps", gaps, name="gaps"),
    Route("/bases", bases, name="bases"),
    Route("/validation", validation, name="validation"),
    Route("/ontology", ontology, name="ontology"),
    Route("/dumps/{fmt}/{name}", dump, name="dump"),
]
