"""Rules for projects: project tables (budget, quarters), a project's own page and its action table."""
from __future__ import annotations

from . import headings as H
from .model import Cell
from .tables import read_action_table, read_project_table
from .text import key


class ProjectRules:
    """Mixed into parse.Reader: the project whose page is being read is `self.project`."""

    def _project_table(self, i, header):
        """Activities with budget and quarters; the numbered line just above the table names the project."""
        rows, consumed, j = read_project_table(self.lines, i, header)
        self.layout("project table", i + 1)
        self.use(*consumed)
        above = next((n for n in range(i - 1, -1, -1) if self.lines[n].strip()), None)
        project = None
        if above is not None and H.item(self.lines[above].strip()):
            notation, label = H.item(self.lines[above].strip())
            prior = next((e for e in self.elements if e.line == above + 1), None)
            if prior is not None:       # read as an item of an earlier section: it is the project
                prior.kind = "Project"
                project = prior
            else:
                project = self.add("Project", notation, label, self.lines[above].strip(), above + 1, None)
                self.use(above)
        elif self.elements and self.elements[-1].kind == "Project":
            project = self.elements[-1]
        for notation, label, quote, line, budget, quarters, responsible in rows:
            el = self.add("Activity" if project else "Project", notation, label, quote, line, project)
            el.budget, el.quarters = budget, quarters
            if responsible:
                el.responsible = Cell(responsible, line)
        return j

    def _action_table(self, i, quarters):
        """A project page's action table: its numbered activities (under the project), their numbered steps,
        and the money rows summed into each activity's budget and quarters."""
        rows, money, consumed, j = read_action_table(self.lines, i, quarters)
        self.layout("action table", i + 1)
        self.use(*consumed)
        activity = None
        for n, (role, notation, label, quote, line) in enumerate(rows):
            if role == "activity":
                activity = self.add("Activity", notation, label, quote, line, self.project)
                if n in money:
                    baht, qs = money[n]
                    activity.budget, activity.quarters = Cell(str(baht), line), sorted(qs)
                    self.unsure.append((line, f"activity {notation}: budget summed from its money rows ({baht})"))
            elif activity is not None:
                self.add("Activity", notation, label, quote, line, activity)
        return j

    def _project_page(self, i, s) -> bool:
        """A project's own page: its title line ("โครงการ …") names an activity drafted from a table; the
        "สอดคล้องกับ …" lines that follow state what it serves, until "ผู้รับผิดชอบโครงการ"."""
        k = key(s)
        if k.startswith("โครงการ") and len(k) > len("โครงการ"):
            name = k.removeprefix("โครงการ")[:40]
            found = next((e for e in self.elements if e.kind in ("Activity", "Project") and
                          (key(e.label).removeprefix("โครงการ").startswith(name) or
                           name.startswith(key(e.label).removeprefix("โครงการ")[:40]))), None)
            if found is not None:
                self.project, self.project_head = found, True
                self.use(i)
                return True
        if self.project is None or not self.project_head:
            return False
        if k.startswith("ผู้รับผิดชอบโครงการ"):   # the page's head ends; its action table still belongs to the project
            self.project_head = False
            return False
        if k.startswith(("สอดคล้อง", "แผนย่อย", "แผนแม่บท")):
            self.project.stated.append((Cell(s, i + 1), None))
            self.use(i)
            return True
        last = self.project.stated[-1][0] if self.project.stated else None
        if k and "\t" not in self.lines[i] and last is not None and last.line + last.text.count("\n") == i:   # it goes on here
            self.project.stated[-1] = (Cell("\n".join(self.lines[last.line - 1:i + 1]).strip(), last.line), None)
            self.use(i)
            return True
        return False
