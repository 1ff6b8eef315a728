"""A throwaway Virtuoso (Debian's virtuoso-opensource) for tests and benches: a generated virtuoso.ini in a
folder of its own, SQL and HTTP ports free on 127.0.0.1, stopped by PID."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.ports import free_port

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 0
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
TempDBSize = 1000
ServerThreads = 10
NumberOfBuffers = 100000
MaxDirtyBuffers = 75000
DirsAllowed = ., {dir}, {load}
ThreadCleanupInterval = 0
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 200000000
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 5
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
DefaultMailServer = localhost:25
ServerThreads = 5
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
MaintenancePage = atomic.html
EnabledGzipContent = 1

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
DefaultQuery = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10
DeferInferenceRulesInit = 0
"""


@dataclass
class VirtuosoServer:
    folder: Path
    load_dir: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.sql_port}"

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, sql: str) -> str:
        done = subprocess.run([shutil.which("isql-vt"), self.target, "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
                               "PROMPT=OFF", "ECHO=OFF", "ERRORS=STDOUT", f"EXEC={sql}"],
                              capture_output=True, text=True, timeout=120)
        return done.stdout + done.stderr

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start_virtuoso(folder: Path, timeout: float = 60) -> VirtuosoServer:
    """Start virtuoso-t in the foreground as a child process; raise if it does not answer within ``timeout``."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed: 'make system-deps' installs virtuoso-opensource")
    load_dir = folder / "load"
    load_dir.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, load=load_dir, sql=sql, http=http))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = VirtuosoServer(folder, load_dir, sql, http, process)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            log_file = folder / "virtuoso.log"
            log = log_file.read_text(errors="replace")[-800:] if log_file.exists() else ""
            raise RuntimeError(f"virtuoso-t exited: {log}")
        if "OK" in server.isql("SELECT 'OK';"):
            return server
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("virtuoso-t did not answer in time")
        time.sleep(0.5)
