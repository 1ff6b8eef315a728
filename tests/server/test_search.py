"""Unit search: diacritics and case ignored, former units with their validity."""

from __future__ import annotations


def search(client, text: str) -> list[dict]:
    response = client.get("/api/search", params={"q": text})
    assert response.status_code == 200
    return response.json()["results"]


def test_with_or_without_diacritics_finds_hai_phong_first(client):
    for text in ("hai phong", "Hải Phòng", "HAI PHONG", "thanh pho hai phong"):
        first = search(client, text)[0]
        assert (first["code"], first["validFrom"], first["current"]) == ("31", "2025-07-01", True)


def test_cat_hai_finds_the_special_zone_and_its_former_units(client):
    results = search(client, "cat hai")
    first = results[0]
    assert (first["code"], first["name"], first["type"]) == ("11914", "Đặc khu Cát Hải", "đặc khu")
    former = {unit["name"]: unit for unit in first["formerUnits"]}
    assert former["Thị trấn Cát Hải"]["validUntil"] == "2025-06-30"
    assert former["Thị trấn Cát Hải"]["whole"] is True and former["Thị trấn Cát Hải"]["legalBasis"] == "1669/NQ-UBTVQH15"
    assert len(former) == 12
    # the former units named Cát Hải are found too, each with its validity and where it went
    older = [r for r in results if not r["current"]]
    assert any(r["name"] == "Huyện Cát Hải" and r["validUntil"] == "2025-06-30" for r in older)
    township = next(r for r in older if r["name"] == "Thị trấn Cát Hải")
    assert township["successors"][0]["code"] == "11914"


def test_search_page_and_json_by_accept(client):
    page = client.get("/search", params={"q": "cat hai"})
    assert page.headers["content-type"].startswith("text/html")
    assert "Đặc khu Cát Hải" in page.text and 'href="/id/unit/11914/2025-07-01"' in page.text
    assert "until 2025-06-30" in page.text
    as_json = client.get("/search", params={"q": "cat hai"}, headers={"Accept": "application/json"})
    assert as_json.json()["results"][0]["code"] == "11914"
    assert client.get("/api/search", params={"q": ""}).json()["results"] == []
