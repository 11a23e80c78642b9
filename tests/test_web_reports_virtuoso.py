"""The report pages reading a real Virtuoso (`edugraph serve --endpoint`), loaded by `edugraph publish`:
the same coverage, gaps, bases and holdings as from the embedded store."""
import pytest

from edugraph.web import overview

from test_query_virtuoso import served  # noqa: F401 (a fixture)

LPLP = "https://w3id.org/edugraph/id/org/sesao-lampang-lamphun"


def backends(client, remote):
    return client.app.state.site.backend, remote.app.state.site.backend


@pytest.mark.parametrize("year", [2567, 2565])
def test_coverage_is_the_same_on_virtuoso(client, remote, web_project, year):
    local, far = (overview.coverage(b, web_project, year, "th") for b in backends(client, remote))
    assert far.cells == local.cells and far.items == local.items and far.offices == local.offices
    assert far.years == local.years
    assert (LPLP, "https://w3id.org/edugraph/id/obec-policy-2567/4") in far.cells or year != 2567


def test_gaps_bases_and_holdings_are_the_same_on_virtuoso(client, remote, web_project):
    local, far = backends(client, remote)
    assert overview.gaps(far, web_project, 2567, "en").rows == overview.gaps(local, web_project, 2567, "en").rows
    assert overview.bases(far, "th") == overview.bases(local, "th")
    assert overview.holdings(far, web_project).names == overview.holdings(local, web_project).names


def test_report_pages_on_virtuoso(remote):
    for path in ("/", "/coverage", "/coverage?year=2565", "/gaps", "/bases", "/validation?severity=warning", "/ontology"):
        response = remote.get(path)
        assert response.status_code == 200, path
    assert "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำปาง ลำพูน" in remote.get("/coverage").text
