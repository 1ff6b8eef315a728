"""Reading RDF files and moving terms between pyoxigraph and rdflib."""
