"""Apache Jena SHACL as a third engine: the published shapes and rules, run by `java`.

Jena comes from the Debian package libapache-jena-java (`make system-deps`): jena-shacl and the
jars it needs in /usr/share/java. A small class (JenaShacl.java, beside this file) is compiled
once per session; it reads the shapes and the data as N-Triples, validates, and prints the report
with blank nodes as <urn:x-bnode:LABEL>, so that results read back into the validator's results.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from convention_validator.stages.rules import ReportReader
from convention_validator.stages.sparql_constraints import SparqlResult
from support import STANDARD

JAVA_DIR = Path("/usr/share/java")
SOURCE = Path(__file__).with_name("JenaShacl.java")
BNODE_IRI = "urn:x-bnode:"
# jena-shacl and what it loads (Debian Depends of libapache-jena-java, one jar each)
JARS = (
    *("jena-shacl", "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shex", "jena-cmds"),
    *("slf4j-api", "slf4j-nop", "commons-lang3", "commons-io", "commons-cli", "commons-codec", "commons-compress"),
    *("commons-csv", "guava", "gson", "dexx.collection", "jackson-core", "jackson-databind", "jackson-annotations"),
    *("jsonld-java", "titanium-json-ld", "httpclient", "httpcore", "thrift", "protobuf"),
)
# Debian's jena-core moves Xerces to the package `xerces` but leaves its regex messages under
# org/apache/jena/ext: without them every XSD pattern facet fails ("internal error").
REGEX_MESSAGES = "org/apache/jena/ext/xerces/impl/xpath/regex/message.properties"


def jena_missing() -> str | None:
    """Why Jena cannot run here (None when it can)."""
    if shutil.which("java") is None or shutil.which("javac") is None:
        return "java and javac are not installed"
    absent = [jar for jar in JARS if not (JAVA_DIR / f"{jar}.jar").exists()]
    return f"missing jars in {JAVA_DIR}: {', '.join(absent)} (run `make system-deps`)" if absent else None


@cache
def _runner() -> str:
    """The class path of the compiled runner (compiled once, in a temporary folder)."""
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"convention-validator-jena-{digest}"
    jars = ":".join(str(JAVA_DIR / f"{jar}.jar") for jar in JARS)
    if not (folder / "JenaShacl.class").exists():
        # compiled aside, then renamed into place: parallel test workers never see half a folder
        building = Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=folder.parent))
        messages = building / "xerces" / "impl" / "xpath" / "regex" / "message.properties"
        messages.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
            messages.write_bytes(jar.read(REGEX_MESSAGES))
        subprocess.run(["javac", "-d", str(building), "-cp", jars, str(SOURCE)], check=True, capture_output=True)
        try:
            building.rename(folder)
        except OSError:  # another worker got there first
            shutil.rmtree(building, ignore_errors=True)
    return f"{folder}:{jars}"


@cache
def _shapes() -> tuple[Path, ReportReader]:
    """The published shapes and rules as one N-Triples file, and the reader of Jena's reports."""
    shapes = Graph()
    shapes.parse(STANDARD / "clauses-data.shacl.ttl", format="turtle")
    shapes.parse(STANDARD / "clauses-data.rules.ttl", format="turtle")
    path = Path(tempfile.mkdtemp(prefix="jena-shapes-")) / "shapes.nt"
    shapes.serialize(path, format="nt", encoding="utf-8")
    named = Graph()
    for triple in shapes:
        named.add((_named(triple[0]), triple[1], _named(triple[2])))
    return path, ReportReader(named)


def _named(node: Node) -> Node:
    return URIRef(BNODE_IRI + str(node)) if isinstance(node, BNode) else node


def jena_results(data: Graph | ox.Store) -> list[SparqlResult]:
    """Jena's results on a data graph; a blank focus node or value reads <urn:x-bnode:LABEL>."""
    shapes, reader = _shapes()
    with tempfile.TemporaryDirectory(prefix="jena-data-") as folder:
        path = Path(folder) / "data.nt"
        if isinstance(data, ox.Store):
            data.dump(path, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        else:
            data.serialize(path, format="nt", encoding="utf-8")
        done = subprocess.run(
            ["java", "-Xss8m", "-cp", _runner(), "JenaShacl", str(shapes), str(path)],
            check=False,
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise RuntimeError(f"Jena SHACL failed: {done.stderr[-2000:]}")
    report = Graph()
    report.parse(data=done.stdout, format="turtle")  # Jena abbreviates some literals (false, 12)
    return reader.results(report)
