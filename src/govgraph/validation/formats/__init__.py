"""Validation report formats: text for people; json, turtle, junit, sarif and github for machines and CI."""

from govgraph.validation.formats import github, json, junit, sarif, text, turtle

RENDERERS = {"text": text.render, "json": json.render, "turtle": turtle.render, "junit": junit.render,
             "sarif": sarif.render, "github": github.render}
FORMATS = tuple(RENDERERS)

__all__ = ["FORMATS", "RENDERERS"]
