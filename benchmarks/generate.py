"""Synthetic national data: a complete edugraph project folder of N offices.

    python benchmarks/generate.py OUT [--offices 245] [--plans 3] [--seed 7]

writes OUT/ with the ontology, shapes/, queries/, data/reference/ and
data/sources/ copied from this checkout, plus, per office NNN,

* data/sources/synthetic-office-NNN.txt  a synthetic Thai source document;
* data/seeds/synthetic-office-NNN.ttl    the office, its source document and
  its plans, following docs/data-conventions.md: strategies / policies, focus
  points, guidelines, indicators with yearly targets, projects, alignments
  (stated, curated and suggested) to the real reference frameworks, and
  findings for the oddities planted in the text.

Every edu:sourceQuote / edu:evidenceQuote is a verbatim substring of the
office's source text, at the line edu:sourceLine names. Planted oddities (a
realistic share, as in the seeds): falling targets, a unit that contradicts
the text, duplicate indicator texts and numbering gaps; each is also recorded
as an edu:Finding, and the validator reports them.

Deterministic: each office is drawn from its own random stream
(seed, office number), so the same arguments give the same bytes, and the
10-office data set is the first 10 offices of the 245-office one. The default,
245 offices (183 primary + 62 secondary) x 3 plans, is about 1.1 M asserted
triples.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/edugraph/id/"
PRIMARY, SECONDARY = 183, 62

PREFIXES = """@prefix edu:     <https://w3id.org/edugraph/ontology#> .
@prefix id:      <https://w3id.org/edugraph/id/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix unit:    <http://qudt.org/vocab/unit/> .
@prefix spdx:    <http://spdx.org/rdf/terms#> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
"""

PROVINCES = (
    "กรุงเทพมหานคร กระบี่ กาญจนบุรี กาฬสินธุ์ กำแพงเพชร ขอนแก่น จันทบุรี ฉะเชิงเทรา ชลบุรี ชัยนาท ชัยภูมิ ชุมพร "
    "เชียงราย เชียงใหม่ ตรัง ตราด ตาก นครนายก นครปฐม นครพนม นครราชสีมา นครศรีธรรมราช นครสวรรค์ นนทบุรี นราธิวาส "
    "น่าน บึงกาฬ บุรีรัมย์ ปทุมธานี ประจวบคีรีขันธ์ ปราจีนบุรี ปัตตานี พระนครศรีอยุธยา พะเยา พังงา พัทลุง พิจิตร "
    "พิษณุโลก เพชรบุรี เพชรบูรณ์ แพร่ ภูเก็ต มหาสารคาม มุกดาหาร แม่ฮ่องสอน ยโสธร ยะลา ร้อยเอ็ด ระนอง ระยอง ราชบุรี "
    "ลพบุรี ลำปาง ลำพูน เลย ศรีสะเกษ สกลนคร สงขลา สตูล สมุทรปราการ สมุทรสงคราม สมุทรสาคร สระแก้ว สระบุรี สิงห์บุรี "
    "สุโขทัย สุพรรณบุรี สุราษฎร์ธานี สุรินทร์ หนองคาย หนองบัวลำภู อ่างทอง อำนาจเจริญ อุดรธานี อุตรดิตถ์ อุทัยธานี อุบลราชธานี"
).split()

VERBS = ["ส่งเสริม", "พัฒนา", "ยกระดับ", "สนับสนุน", "เสริมสร้าง", "ขับเคลื่อน", "ปรับปรุง", "บริหารจัดการ", "สร้างความเข้มแข็งของ", "เพิ่มประสิทธิภาพ"]
OBJECTS = [
    "คุณภาพการจัดการเรียนรู้ของสถานศึกษาในสังกัด", "สมรรถนะของครูและบุคลากรทางการศึกษา", "ทักษะการอ่าน การเขียน และการคิดคำนวณของนักเรียน",
    "ระบบการดูแลช่วยเหลือนักเรียนและความปลอดภัยในสถานศึกษา", "การใช้เทคโนโลยีดิจิทัลเพื่อการเรียนรู้", "โอกาสและความเสมอภาคทางการศึกษาของประชากรวัยเรียน",
    "คุณธรรม จริยธรรม และความเป็นพลเมืองที่ดีของนักเรียน", "การจัดการศึกษาเพื่อการมีงานทำและทักษะอาชีพ", "ระบบประกันคุณภาพภายในของสถานศึกษา",
    "การบริหารงบประมาณและทรัพยากรทางการศึกษา", "การจัดการเรียนรู้เชิงรุกตามแนวทาง Active Learning", "การนิเทศ ติดตาม และประเมินผลการจัดการศึกษา",
    "สิ่งแวดล้อมและการศึกษาเพื่อการพัฒนาที่ยั่งยืน", "ภาวะผู้นำของผู้บริหารสถานศึกษา", "การมีส่วนร่วมของผู้ปกครอง ชุมชน และภาคีเครือข่าย",
    "การจัดการศึกษาพิเศษและการเรียนรวม", "ทักษะภาษาอังกฤษและภาษาที่สามเพื่อการสื่อสาร", "ความรู้และทักษะด้านวิทยาศาสตร์ เทคโนโลยี และสะเต็มศึกษา",
]
PURPOSES = [
    "ให้มีคุณภาพตามมาตรฐานการศึกษาขั้นพื้นฐาน", "เพื่อรองรับการเปลี่ยนแปลงในศตวรรษที่ 21", "อย่างทั่วถึงและเป็นธรรม",
    "โดยยึดหลักปรัชญาของเศรษฐกิจพอเพียง", "ให้สอดคล้องกับบริบทของพื้นที่และความต้องการของชุมชน", "เพื่อให้ผู้เรียนมีสมรรถนะที่จำเป็นและมีความสุขในการเรียน",
    "ด้วยกระบวนการมีส่วนร่วมของทุกภาคส่วน", "อย่างเป็นระบบและต่อเนื่อง", "ตามหลักธรรมาภิบาลและความโปร่งใส",
]
SUBJECTS = [
    "นักเรียนที่มีผลสัมฤทธิ์ทางการเรียนระดับดีขึ้นไป", "สถานศึกษาที่ผ่านเกณฑ์การประเมินคุณภาพภายใน", "ครูที่ได้รับการพัฒนาตามแผนพัฒนารายบุคคล (ID Plan)",
    "นักเรียนที่อ่านออกเขียนได้ตามเกณฑ์ของระดับชั้น", "สถานศึกษาที่จัดการเรียนรู้เชิงรุกทุกกลุ่มสาระการเรียนรู้", "นักเรียนที่ได้รับการคัดกรองและดูแลช่วยเหลือตามระบบ",
    "สถานศึกษาที่มีระบบความปลอดภัยตามมาตรฐาน MOE Safety Center", "ประชากรวัยเรียนที่ได้รับการศึกษาขั้นพื้นฐานครบทุกคน", "นักเรียนที่มีคุณลักษณะอันพึงประสงค์ตามหลักสูตร",
    "ผู้บริหารสถานศึกษาที่ผ่านการพัฒนาภาวะผู้นำทางวิชาการ", "สถานศึกษาที่ใช้แพลตฟอร์มดิจิทัลในการจัดการเรียนรู้", "นักเรียนที่มีคะแนนผลการทดสอบระดับชาติ (O-NET) เพิ่มขึ้น",
    "โรงเรียนขนาดเล็กที่ได้รับการพัฒนาคุณภาพอย่างเป็นระบบ", "นักเรียนที่มีทักษะอาชีพและผ่านการฝึกประสบการณ์จริง", "บุคลากรที่มีความพึงพอใจต่อการบริหารงานของสำนักงาน",
]
COUNT_SUBJECTS = [
    "จำนวนเครือข่ายความร่วมมือทางการศึกษาที่ดำเนินงานอย่างต่อเนื่อง", "จำนวนนวัตกรรมการจัดการเรียนรู้ที่ได้รับการเผยแพร่",
    "จำนวนโรงเรียนที่ได้รับการยกย่องเป็นสถานศึกษาพอเพียง", "จำนวนหลักสูตรพัฒนาครูที่จัดขึ้นในปีงบประมาณ", "จำนวนครั้งของการนิเทศติดตามสถานศึกษา",
]
GROUPS = [
    "กลุ่มนโยบายและแผน", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "กลุ่มส่งเสริมการจัดการศึกษา", "กลุ่มบริหารงานบุคคล",
    "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา", "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร", "กลุ่มบริหารงานการเงินและสินทรัพย์", "หน่วยตรวจสอบภายใน",
]
AREAS = ["ภาษาไทย", "คณิตศาสตร์", "วิทยาศาสตร์และเทคโนโลยี", "สังคมศึกษา ศาสนา และวัฒนธรรม", "สุขศึกษาและพลศึกษา", "ศิลปะ", "การงานอาชีพ", "ภาษาต่างประเทศ"]
LEVELS = ["ระดับปฐมวัย", "ระดับประถมศึกษาตอนต้น", "ระดับประถมศึกษาตอนปลาย", "ระดับมัธยมศึกษาตอนต้น", "ระดับมัธยมศึกษาตอนปลาย", "ทุกระดับชั้น"]
UNITS = [("unit:PERCENT", "ร้อยละ"), ("<%sunit/school>" % ID, "โรงเรียน"), ("<%sunit/count>" % ID, "จำนวน"), ("<%sunit/times>" % ID, "ครั้ง"), ("<%sunit/network>" % ID, "เครือข่าย")]

OBEC_2567 = range(1, 11)
NS_AREAS = range(1, 7)
MASTER_PLANS = range(1, 24)


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def lit(text: str, lang: str | None = None) -> str:
    return f'"{esc(text)}"' + (f"@{lang}" if lang else "")


class Source:
    """The synthetic source text, line by line; quotes are taken from it."""

    def __init__(self):
        self.lines: list[str] = []

    def add(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class Office:
    def __init__(self, number: int, seed: int):
        self.n = number
        self.rng = random.Random(f"{seed}/{number}")
        self.code = f"{number:03d}"
        self.slug = f"synthetic-office-{self.code}"
        self.iri = f"{ID}org/{self.slug}"
        self.source_iri = f"{ID}source/{self.slug}"
        self.src = Source()
        self.out: list[str] = []
        self.findings: list[tuple] = []  # (plan IRI, type, concerns, comment, quote, line)
        primary = number <= PRIMARY
        index = number - 1 if primary else number - 1 - PRIMARY
        province = PROVINCES[index % len(PROVINCES)]
        district = index // len(PROVINCES) + 1
        if primary:
            self.cls = "edu:PrimaryEducationalServiceAreaOffice"
            self.name = f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{province} เขต {district}"
            self.short = f"สพป.{province} เขต {district}"
            self.en = f"Synthetic Primary Educational Service Area Office {self.code}"
        else:
            self.cls = "edu:SecondaryEducationalServiceAreaOffice"
            self.name = f"สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา{province}" + (f" เขต {district}" if district > 1 else "")
            self.short = f"สพม.{province}" + (f" เขต {district}" if district > 1 else "")
            self.en = f"Synthetic Secondary Educational Service Area Office {self.code}"
        self.province = province

    # --- text -----------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(VERBS)}{r.choice(OBJECTS)} {r.choice(PURPOSES)}"

    def long_sentence(self) -> str:
        r = self.rng
        return f"{self.sentence()} และ{r.choice(VERBS)}{r.choice(OBJECTS)} {r.choice(PURPOSES)}"

    def emit(self, subject: str, *pairs) -> None:
        body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
        self.out.append(f"<{subject}>\n    {body} .\n")

    def provenance(self, quote: str, line: int) -> list[tuple]:
        return [("edu:sourceQuote", lit(quote)), ("edu:sourceLine", str(line)), ("dcterms:source", f"<{self.source_iri}>")]

    # --- office ---------------------------------------------------------------
    def generate(self, plans: int) -> tuple[str, str]:
        self.src.add(f"เอกสารแผนของ{self.name} (ข้อมูลสังเคราะห์เพื่อการทดสอบสมรรถนะ)")
        self.src.add(f"{self.short} จังหวัด{self.province}")
        for k in range(plans):
            if k == 0:
                self.plan("devplan-2566-2570", "edu:DevelopmentPlan", 2566, 2570,
                          f"แผนพัฒนาการศึกษาขั้นพื้นฐานของ {self.short} (พ.ศ.2566-2570)", "Basic-education development plan", "strategy", "กลยุทธ์ที่")
            else:
                year = 2566 + k
                self.plan(f"actionplan-{year}", "edu:ActionPlan", year, year,
                          f"แผนปฏิบัติการ {self.short} ประจำปีงบประมาณ พ.ศ.{year}", "Action plan", "policy", "นโยบายที่")
        text = self.src.text()
        header = [PREFIXES, f"# Synthetic office {self.code} (benchmarks/generate.py); quotes are verbatim from data/sources/{self.slug}.txt.\n"]
        self.emit(self.iri, ("a", self.cls), ("rdfs:label", f"{lit(self.name, 'th')} , {lit(self.en, 'en')}"),
                  ("skos:altLabel", lit(self.short, "th")), ("edu:provinceName", lit(self.province, "th")),
                  ("org:subOrganizationOf", f"<{ID}org/obec>"))
        checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.emit(self.source_iri, ("a", "edu:SourceDocument"), ("dcterms:identifier", lit(f"{self.slug}.txt")),
                  ("dcterms:title", f"{lit('เอกสารแผนของ' + self.name, 'th')} , {lit('Plans of ' + self.en + ' (synthetic)', 'en')}"),
                  ("edu:issuer", f"<{self.iri}>"), ("dcterms:format", lit("text/plain")), ("dcterms:language", lit("th")),
                  ("spdx:checksum", f"<{self.source_iri}/checksum>"))
        self.emit(f"{self.source_iri}/checksum", ("a", "spdx:Checksum"), ("spdx:algorithm", "spdx:checksumAlgorithm_sha256"),
                  ("spdx:checksumValue", lit(checksum)))
        return "\n".join(header + self.out), text

    def plan(self, slug, cls, start_be, end_be, title, en, kind, kind_th) -> None:
        r = self.rng
        plan = f"{ID}plan/syn{self.code}-{slug}"
        line = self.src.add(title)
        self.emit(plan, ("a", cls), ("dcterms:title", lit(title, "th")),
                  ("rdfs:label", f"{lit(title, 'th')} , {lit(f'{en} of {self.en}, {start_be}-{end_be} BE', 'en')}"),
                  ("edu:issuer", f"<{self.iri}>"), ("edu:periodStart", str(start_be - 543)), ("edu:periodEnd", str(end_be - 543)),
                  ("edu:periodStartBE", str(start_be)), ("edu:periodEndBE", str(end_be)), *self.provenance(title, line))
        years = list(range(start_be, end_be + 1))
        self.plan_findings = []
        if cls == "edu:DevelopmentPlan":
            vision = f"{self.short} {self.sentence()}"
            line = self.src.add(f"วิสัยทัศน์ {vision}")
            self.emit(f"{plan}/vision/1", ("a", "edu:Vision"), ("skos:notation", lit("1")), ("edu:order", "1"),
                      ("rdfs:label", f"{lit(vision, 'th')} , {lit('Vision of office ' + self.code, 'en')}"),
                      ("edu:partOf", f"<{plan}>"), *self.provenance(f"วิสัยทัศน์ {vision}", line))
            for kind2, cls2, word, count in (("mission", "edu:Mission", "พันธกิจ", 4), ("goal", "edu:Goal", "เป้าประสงค์", 5)):
                self.src.add(word)
                for i in range(1, count + 1):
                    text = self.long_sentence()
                    line = self.src.add(f"{i}. {text}")
                    self.emit(f"{plan}/{kind2}/{i}", ("a", cls2), ("skos:notation", lit(str(i))), ("edu:order", str(i)),
                              ("rdfs:label", f"{lit(text, 'th')} , {lit(f'{kind2.capitalize()} {i} of office {self.code}', 'en')}"),
                              ("edu:partOf", f"<{plan}>"), *self.provenance(f"{i}. {text}", line))
            tops, focus_n, guide_n, ind_n = 5, 2, 2, 2
        else:
            tops, focus_n, guide_n, ind_n = 3, 2, 2, 2
        labels_in_plan = []
        for t in range(1, tops + 1):
            top = f"{plan}/{kind}/{t}"
            text = self.sentence()
            line = self.src.add(f"{kind_th} {t} {text}")
            serves, records = self.alignments(top, start_be)
            self.emit(top, ("a", "edu:Strategy" if kind == "strategy" else "edu:OfficePolicy"), ("skos:notation", lit(str(t))),
                      ("edu:order", str(t)), ("rdfs:label", f"{lit(text, 'th')} , {lit(f'{kind.capitalize()} {t} of office {self.code}', 'en')}"),
                      ("edu:partOf", f"<{plan}>"), *serves, *self.provenance(f"{kind_th} {t} {text}", line))
            for f in range(1, focus_n + 1):
                focus = f"{top}/focus/{f}"
                text = self.long_sentence()
                line = self.src.add(f"จุดเน้นที่ {t}.{f} {text}")
                self.emit(focus, ("a", "edu:FocusPoint"), ("skos:notation", lit(f"{t}.{f}")), ("edu:order", str(f)),
                          ("rdfs:label", f"{lit(text, 'th')} , {lit(f'Focus point {t}.{f} of office {self.code}', 'en')}"),
                          ("edu:partOf", f"<{top}>"), *self.provenance(f"จุดเน้นที่ {t}.{f} {text}", line))
                numbers = list(range(1, guide_n + 1))
                gap = r.random() < 0.05
                if gap:
                    numbers[-1] += 1  # 1, 2, 4: the document skips a number
                for order, g in enumerate(numbers, 1):
                    guide = f"{focus}/guideline/{g}"
                    notation = f"{t}.{f}.{g}"
                    text = self.long_sentence()
                    quote = f"{notation} {text}"
                    line = self.src.add(quote)
                    self.emit(guide, ("a", "edu:Guideline"), ("skos:notation", lit(notation)), ("edu:order", str(order)),
                              ("rdfs:label", f"{lit(text, 'th')} , {lit(f'Guideline {notation} of office {self.code}', 'en')}"),
                              ("edu:partOf", f"<{focus}>"), *self.provenance(quote, line))
                    if gap and g == numbers[-1]:
                        self.finding(plan, "edu:NumberingGap", guide, f"Guidelines under focus point {t}.{f} skip number {t}.{f}.{g - 1}.", quote, line)
                    self.src.add("ตัวชี้วัด | หน่วยนับ | " + " | ".join(f"ปี {y}" for y in years) + " | ผู้รับผิดชอบ")
                    for i in range(1, ind_n + 1):
                        self.indicator(plan, f"{guide}/indicator/{i}", f"{notation}.{i}", i, guide, years, labels_in_plan)
            if kind == "policy":
                for p in range(1, 3):
                    self.project(plan, f"{plan}/project/{t}.{p}", f"{t}.{p}", p, top)
        for item in self.plan_findings:
            self.emit_finding(*item)

    def alignments(self, element: str, start_be: int) -> tuple[list, list]:
        r = self.rng
        obec = r.choice(OBEC_2567)
        area = r.choice(NS_AREAS)
        master = r.choice(MASTER_PLANS)
        evidence = f"สอดคล้องกับนโยบาย สพฐ. ปีงบประมาณ 2567 ข้อ {obec}"
        line = self.src.add(evidence)
        records = []
        self.emit(f"{element}/alignment/1", ("a", "edu:Alignment"), ("edu:alignedTo", f"<{ID}obec-policy-2567/{obec}>"),
                  ("edu:basis", "edu:Stated"), ("edu:evidenceQuote", lit(evidence)), ("edu:sourceLine", str(line)),
                  ("dcterms:source", f"<{self.source_iri}>"))
        self.emit(f"{element}/alignment/2", ("a", "edu:Alignment"), ("edu:alignedTo", f"<{ID}national-strategy/{area}>"),
                  ("edu:basis", "edu:Curated"), ("prov:wasAttributedTo", f"<{ID}agent/edugraph-editors>"),
                  ("edu:rationale", lit(f"The element's aim (office {self.code}) falls under National Strategy area {area} (synthetic curation).", "en")))
        self.emit(f"{element}/alignment/3", ("a", "edu:Alignment"), ("edu:alignedTo", f"<{ID}master-plan/{master:02d}>"),
                  ("edu:basis", "edu:Suggested"), ("edu:score", f"{r.randint(35, 95) / 100:.2f}"),
                  ("prov:wasAttributedTo", f"<{ID}agent/edugraph-suggester>"))
        serves = [("edu:serves", f"<{ID}obec-policy-2567/{obec}> , <{ID}national-strategy/{area}>"),
                  ("edu:hasAlignment", " , ".join(f"<{element}/alignment/{k}>" for k in (1, 2, 3)))]
        return serves, records

    def indicator(self, plan, iri, notation, order, parent, years, labels_in_plan) -> None:
        r = self.rng
        u = r.random()
        if u < 0.6:
            unit, unit_text = UNITS[0]
            text = f"ร้อยละของ{r.choice(SUBJECTS)}"
            start = r.randint(60, 85)
            values = [min(100, start + 3 * k) for k in range(len(years))]
        else:
            unit, unit_text = r.choice(UNITS[1:])
            text = f"{r.choice(COUNT_SUBJECTS)} ({r.choice(PURPOSES)})"
            start = r.randint(5, 40)
            values = [start + 2 * k for k in range(len(years))]
        problems = []
        roll = r.random()
        if roll < 0.02 and unit == "unit:PERCENT":
            unit, unit_text = UNITS[2]
            problems.append(("edu:UnitContradictsText", "The text asks for ร้อยละ but the unit cell says จำนวน."))
        elif roll < 0.04 and labels_in_plan:
            text = labels_in_plan[-1 - r.randrange(min(5, len(labels_in_plan)))]
            problems.append(("edu:DuplicateIndicatorText", "An earlier indicator of the plan has the same text."))
        elif roll < 0.08 and len(years) > 1:
            k = r.randrange(1, len(years))
            values[k] = values[k - 1] - r.randint(1, 5)
            problems.append(("edu:FallingTarget", f"The target for {years[k]} is below the one for {years[k - 1]}."))
        else:
            text = f"{text} {r.choice(['ในสังกัด', 'ที่เข้าร่วมโครงการ', 'ตามเกณฑ์ที่กำหนด'])} กลุ่มสาระการเรียนรู้{r.choice(AREAS)} {r.choice(LEVELS)}"
        labels_in_plan.append(text)
        responsible = r.choice(GROUPS)
        cells = " | ".join(f"{y}: {v}" for y, v in zip(years, values))
        row = f"{notation} {text} | {unit_text} | {cells} | {responsible}"
        line = self.src.add(row)
        quote = f"{notation} {text}"
        self.emit(iri, ("a", "edu:Indicator"), ("skos:notation", lit(notation)), ("edu:order", str(order)),
                  ("rdfs:label", lit(text, "th")), ("edu:unit", unit), ("edu:unitText", lit(unit_text)),
                  ("edu:responsibleText", lit(responsible)), ("edu:partOf", f"<{parent}>"), *self.provenance(quote, line))
        for y, v in zip(years, values):
            self.emit(f"{iri}/target/{y}", ("a", "edu:Target"), ("edu:targetOf", f"<{iri}>"), ("edu:fiscalYear", str(y - 543)),
                      ("edu:fiscalYearBE", str(y)), ("edu:valueText", lit(str(v))), ("edu:numericValue", f"{v}.0"),
                      *self.provenance(f"{y}: {v}", line))
        for kind, comment in problems:
            self.finding(plan, kind, iri, comment, quote, line)

    def project(self, plan, iri, notation, order, parent) -> None:
        r = self.rng
        text = f"โครงการ{self.sentence()}"
        budget = r.randrange(20, 900) * 1000
        quote = f"{notation} {text}"
        line = self.src.add(f"{quote} งบประมาณ {budget:,} บาท")
        self.emit(iri, ("a", "edu:Project"), ("skos:notation", lit(notation)), ("edu:order", str(order)),
                  ("rdfs:label", f"{lit(text, 'th')} , {lit(f'Project {notation} of office {self.code}', 'en')}"),
                  ("edu:budgetBaht", f"{budget}.0"), ("edu:quarter", ", ".join(str(q) for q in sorted(r.sample([1, 2, 3, 4], 2)))),
                  ("edu:responsibleText", lit(r.choice(GROUPS))), ("edu:partOf", f"<{parent}>"), *self.provenance(quote, line))

    def finding(self, plan, kind, concerns, comment, quote, line) -> None:
        self.plan_findings.append((plan, kind, concerns, comment, quote, line))

    def emit_finding(self, plan, kind, concerns, comment, quote, line) -> None:
        self.findings.append(plan)
        n = sum(1 for p in self.findings if p == plan)
        self.emit(f"{plan}/finding/{n}", ("a", "edu:Finding"), ("edu:findingType", kind), ("edu:concerns", f"<{concerns}>"),
                  ("rdfs:comment", lit(comment, "en")), *self.provenance(quote, line))


def office_files(number: int, plans: int = 3, seed: int = 7) -> tuple[str, str]:
    """(Turtle, source text) of one synthetic office."""
    return Office(number, seed).generate(plans)


def generate(out: Path, offices: int = 245, plans: int = 3, seed: int = 7, root: Path = ROOT) -> Path:
    """Write a complete project folder at `out` (replacing what was there)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "ontology").mkdir(parents=True)
    shutil.copy(root / "ontology" / "edugraph.ttl", out / "ontology" / "edugraph.ttl")
    for folder in ("shapes", "queries"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, out / folder)
    for folder in ("reference", "sources"):
        shutil.copytree(root / "data" / folder, out / "data" / folder)
    (out / "data" / "seeds").mkdir(parents=True)
    for number in range(1, offices + 1):
        ttl, text = office_files(number, plans, seed)
        slug = f"synthetic-office-{number:03d}"
        (out / "data" / "sources" / f"{slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        (out / "data" / "seeds" / f"{slug}.ttl").write_text(ttl, encoding="utf-8", newline="\n")
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="the project folder to write (replaced)")
    p.add_argument("--offices", type=int, default=PRIMARY + SECONDARY, help="number of offices (default 245: 183 primary + 62 secondary)")
    p.add_argument("--plans", type=int, default=3, help="plans per office (default 3: a development plan and two action plans)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if not 1 <= args.offices <= 999 or args.plans < 1:
        p.error("--offices must be 1-999 and --plans at least 1")
    generate(args.out, args.offices, args.plans, args.seed)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
