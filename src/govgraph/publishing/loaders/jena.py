"""Apache Jena's command-line tools from Debian's ``libapache-jena-java``, which does not run as installed.

Debian ships Jena 4.5.0 as jars in ``/usr/share/java`` and no launcher scripts, and the jars do not start as
they are, for two reasons worked around here:

1. ``java -cp '/usr/share/java/*'`` puts every SLF4J binding Debian ships (slf4j-simple, -nop, -jdk14, -jcl,
   -log4j12, maven's provider) on one classpath. :func:`classpath` lists only the jars asked for, the
   dependencies the Debian package declares, and exactly one binding (slf4j-simple).
2. Debian moved Jena's bundled Xerces classes from ``org.apache.jena.ext.xerces`` to a top-level ``xerces``
   package but left their message bundles (``*.properties``) under ``org/apache/jena/ext/xerces/``; every
   built-in XSD pattern facet then fails and Jena dies at start-up in ``XSDDatatype``. :func:`xerces_bundles`
   copies the bundles out of ``jena-core.jar`` to the names the classes look for, in a cache folder put on the
   classpath.

>>> command("tdb2.tdbquery", "--version", jars=TDB2)[:2]
['java', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn']
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from govgraph.errors import UsageError
from govgraph.publishing.validated import cache_dir

JAVA_DIR = Path(os.environ.get("GOVGRAPH_JAVA_DIR", "/usr/share/java"))
# what every Jena command needs: its core modules, the dependencies libapache-jena-java declares, ONE binding
BASE = (
    "jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
    "slf4j-api", "slf4j-simple",
)
TDB2 = ("jena-tdb2", "jena-dboe-base", "jena-dboe-index", "jena-dboe-storage", "jena-dboe-trans-data",
        "jena-dboe-transaction", "jena-rdfconnection")
JVM_OPTIONS = ("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.logFile=System.err")
_MOVED = "org/apache/jena/ext/xerces/"
INSTALL = "apt-get install default-jre-headless libapache-jena-java (make system-deps)"


def xerces_bundles(jena_core: Path | None = None) -> Path | None:
    """A folder with the Xerces message bundles under the names Debian's relocated classes look for.

    ``None`` when ``jena-core.jar`` keeps Xerces where its bundles are (upstream Jena needs no fix).
    """
    jena_core = jena_core or JAVA_DIR / "jena-core.jar"
    with zipfile.ZipFile(jena_core) as jar:
        names = jar.namelist()
        if not any(name.startswith("xerces/") and name.endswith(".class") for name in names):
            return None
        stat = jena_core.stat()
        folder = cache_dir() / f"jena-xerces-bundles-{stat.st_size}-{int(stat.st_mtime)}"
        if (folder / "complete").is_file():
            return folder
        for name in names:
            if name.startswith(_MOVED) and name.endswith(".properties"):
                target = folder / "xerces" / name[len(_MOVED):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    (folder / "complete").write_text("bundles copied from " + str(jena_core) + "\n", encoding="utf-8")
    return folder


def classpath(jars: tuple[str, ...] = ()) -> str:
    """The classpath running Jena's commands from Debian's jars: ``jars`` (e.g. :data:`TDB2`) and :data:`BASE`."""
    names = tuple(dict.fromkeys(jars + BASE))
    missing = [name for name in names if not (JAVA_DIR / f"{name}.jar").is_file()]
    if missing:
        raise UsageError(f"Apache Jena is not installed: {', '.join(missing)} missing in {JAVA_DIR}", hint=INSTALL)
    entries = [str(JAVA_DIR / f"{name}.jar") for name in names]
    bundles = xerces_bundles()
    if bundles is not None:
        entries.append(str(bundles))
    return os.pathsep.join(entries)


def command(main_class: str, *args: str, jars: tuple[str, ...] = (), options: tuple[str, ...] = ()) -> list[str]:
    """The ``java`` command line running Jena's ``main_class`` (e.g. ``tdb2.tdbloader``) with ``args``."""
    java = shutil.which("java")
    if java is None:
        raise UsageError("Java is not installed", hint=INSTALL)
    return ["java", *JVM_OPTIONS, *options, "-cp", classpath(jars), main_class, *args]


if __name__ == "__main__":  # the classpath of Jena's TDB2 commands, for 'java -cp "$(python -m ...)" tdb2.tdbquery'
    print(classpath(TDB2))
