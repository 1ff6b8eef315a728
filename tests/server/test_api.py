"""The query library over HTTP: list, run with typed parameters (as the CLI binds them), OpenAPI, docs."""

from __future__ import annotations

import csv
import io

from govgraph.cli.main import main
from govgraph.queries import load_library


def test_list_has_titles_descriptions_and_typed_parameters(client):
    listed = {q["name"]: q for q in client.get("/api/queries").json()["queries"]}
    assert set(listed) == set(load_library())
    units = listed["units-of-province"]
    assert units["title"] == "Units of a province" and units["description"]
    assert units["parameters"][0] | {"description": ""} == {"name": "province", "type": "string", "required": True,
                                                             "description": ""}
    assert units["example"] == {"province": "31"}


def test_run_gives_the_same_rows_as_the_cli(client, build_dir, capsys):
    response = client.get("/api/queries/units-of-province", params={"province": "31"},
                          headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    served = list(csv.reader(io.StringIO(response.text)))
    assert main(["query", "units-of-province", "--param", "province=31", "--format", "csv",
                 "--build-dir", str(build_dir)]) == 0
    printed = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(served) == 115 and served[0] == printed[0]
    assert [row[:2] for row in served] == [row[:2] for row in printed]


def test_json_answer_and_format_parameter(client):
    answer = client.get("/api/queries/units-of-province?province=31&format=json").json()
    assert len(answer["results"]["bindings"]) == 114
    as_csv = client.get("/api/queries/units-of-province?province=31&format=csv")
    assert as_csv.headers["content-type"].startswith("text/csv")


def test_typed_parameters_are_checked_like_the_cli(client):
    bad_date = client.get("/api/queries/office-holders", params={"unit": "31", "date": "1 July"})
    assert bad_date.status_code == 400 and "not a valid date" in bad_date.json()["error"]
    missing = client.get("/api/queries/units-of-province")
    assert missing.status_code == 400 and "province" in missing.json()["error"]
    unknown = client.get("/api/queries/units-of-province", params={"province": "31", "nope": "1"})
    assert unknown.status_code == 400
    assert client.get("/api/queries/no-such-query").status_code == 404


def test_a_parameter_cannot_become_query_syntax(client):
    response = client.get("/api/queries/units-of-province", params={"province": '31" } } DROP ALL #'},
                          headers={"Accept": "text/csv"})
    # bound as a value: it matches no unit, and the empty answer is explained as the command explains it
    assert response.status_code == 400 and response.json()["error"].startswith(
        "parameter province: no province-level unit in force has the code '31\" } } DROP ALL #'")


def test_openapi_document_is_generated_from_the_headers(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    library = load_library()
    for name, query in library.items():
        operation = document["paths"][f"/api/queries/{name}"]["get"]
        assert operation["summary"] == query.title
        assert [p["name"] for p in operation["parameters"]] == [p.name for p in query.parameters]
    holders = {p["name"]: p for p in document["paths"]["/api/queries/office-holders"]["get"]["parameters"]}
    assert holders["date"]["schema"] == {"type": "string", "format": "date"} and not holders["date"]["required"]
    assert holders["unit"]["required"]
    assert "429" in document["paths"]["/api/queries/office-holders"]["get"]["responses"]


def test_docs_page_is_offline_and_has_a_form_per_query(client):
    page = client.get("/api/docs").text
    assert page.count("<form") == len(load_library())
    assert 'action="/api/queries/units-of-province"' in page and 'value="31"' in page
    assert "<script" not in page


def test_an_empty_answer_is_explained_as_the_command_explains_it(client):
    """The REST API answered 200 with no rows where ``govgraph query`` says that no unit has the code."""
    wrong = client.get("/api/queries/units-of-province", params={"province": "1"})
    assert wrong.status_code == 400 and "did you mean 01, Thành phố Hà Nội?" in wrong.json()["error"]
    former = client.get("/api/queries/units-of-province", params={"province": "30", "date": "2025-06-30",
                                                                  "format": "csv"})
    assert former.status_code == 200 and "Phường Cẩm Thượng" in former.text
    nobody = client.get("/api/queries/career", params={"person": "nobody of that name"})
    assert nobody.status_code == 200 and nobody.json()["results"]["bindings"] == []
    assert nobody.headers["X-Govgraph-Note"].startswith("No person in the graph has that id or name")


def test_a_406_from_the_engine_keeps_vary_accept(client, monkeypatch):
    """A library query whose form cannot give the format asked for (CSV of an ASK) is a 406 that, like /sparql's,
    says the answer varies with ``Accept``: the API kept only ``Retry-After`` and dropped ``Vary``."""
    library = client.app.state.govgraph.library
    ask = library["units-of-province"]._replace(
        name="ask-31", parameters=(), text="ASK { ?u <https://w3id.org/govgraph/ontology#officialCode> '31' }")
    monkeypatch.setitem(library, "ask-31", ask)
    assert client.get("/api/queries/ask-31").json()["boolean"] is True
    refused = client.get("/api/queries/ask-31", headers={"Accept": "text/csv"})
    sparql = client.get("/sparql", params={"query": ask.text}, headers={"Accept": "text/csv"})
    assert refused.status_code == sparql.status_code == 406 and refused.json()["error"]
    vary = {name.strip() for name in refused.headers.get("Vary", "").split(",")}
    assert "Accept" in vary and vary == {name.strip() for name in sparql.headers["Vary"].split(",")}


def test_the_apis_own_406_varies_with_accept(client):
    """No format the API gives fits ``Accept``: a 406 that says so and, like every negotiated answer, varies with
    ``Accept`` (a cache must not give it to a client that accepts JSON)."""
    refused = client.get("/api/queries/units-of-province", params={"province": "31"},
                         headers={"Accept": "text/html"})
    assert refused.status_code == 406 and "text/csv" in refused.json()["error"]
    assert "Accept" in {name.strip() for name in refused.headers.get("Vary", "").split(",")}
