"""The Spark session person linkage runs on with `--engine spark` (issue 13 item 7; see
docs/admin-guide.md "Linking on Spark").

One session per process, started on first use and stopped at exit: Spark local mode by default
(`local[2]`, small shuffles, no web UI, a temporary directory for Splink's intermediate tables),
or a cluster through FRAUDCASE_SPARK_MASTER and Spark's own settings. Read from the environment
(not Django's settings) so that the benchmarks can run it without Django.

    FRAUDCASE_SPARK_MASTER              local[2]       where to run: local[N], spark://host:7077,
                                                      yarn, k8s://...
    FRAUDCASE_SPARK_DRIVER_MEMORY       1g             the driver's heap (set before it starts)
    FRAUDCASE_SPARK_SHUFFLE_PARTITIONS  4              spark.sql.shuffle.partitions
    FRAUDCASE_SPARK_CHECKPOINT_DIR      (a temp dir)   where Splink writes intermediate tables as
                                                      parquet; on a cluster, storage every
                                                      executor can reach (hdfs://, s3a://)
    FRAUDCASE_SPARK_JAVA_OPTIONS        (see below)    the driver JVM's options
    FRAUDCASE_SPARK_CONF                (none)         any other Spark settings, "key=value"
                                                      pairs separated by spaces

Anything not set here is read by Spark as usual: $SPARK_CONF_DIR/spark-defaults.conf,
SPARK_LOCAL_IP, PYSPARK_SUBMIT_ARGS (e.g. "--packages ... pyspark-shell").
"""

import atexit
import os
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Any

LOG_CONFIG = Path(__file__).with_name("spark-log4j2.properties")
# In local mode the driver does all the work, in runs of seconds to minutes: the JIT compiler's
# quick tier alone halves the CPU of a run's first minute (Splink's many small queries each load
# and compile code) and costs little after (benchmarks/README.md "Person linkage on Spark").
JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
_session: Any = None
_scratch: str | None = None


def conf(scratch: str) -> dict[str, str]:
    """The Spark settings the session is built with (the environment read now); `scratch` a
    directory of the process's own for Spark's local files."""
    from splink.backends.spark import similarity_jar_location

    env = os.environ.get
    master = env("FRAUDCASE_SPARK_MASTER", "local[2]")
    settings = {
        "spark.master": master,
        "spark.app.name": "fraudcase-linking",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.memory": env("FRAUDCASE_SPARK_DRIVER_MEMORY", "1g"),
        "spark.sql.shuffle.partitions": env("FRAUDCASE_SPARK_SHUFFLE_PARTITIONS", "4"),
        # Splink's string distances (jaro_winkler, damerau_levenshtein) are Scala functions in
        # a jar shipped with Splink, sent to the executors with the job.
        "spark.jars": similarity_jar_location(),
        # Not ./spark-warehouse and ./metastore_db beside wherever fraudcase was started.
        "spark.sql.warehouse.dir": str(Path(scratch, "warehouse")),
        "spark.local.dir": scratch,
        # Errors only (Spark's default prints every stage at INFO), and the JVM's options.
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()} "
        + env("FRAUDCASE_SPARK_JAVA_OPTIONS", JAVA_OPTIONS if master.startswith("local") else ""),
    }
    if master.startswith("local"):
        # On one machine: no need to look for a network address to offer executors.
        settings["spark.driver.host"] = "127.0.0.1"
        settings["spark.driver.bindAddress"] = "127.0.0.1"
    for pair in shlex.split(env("FRAUDCASE_SPARK_CONF", "")):
        key, _, value = pair.partition("=")
        settings[key.strip()] = value.strip()
    return settings


def session() -> Any:
    """The process's SparkSession (started on first use, stopped at exit)."""
    global _session, _scratch
    if _session is not None:
        return _session
    from pyspark.sql import SparkSession

    _scratch = tempfile.mkdtemp(prefix="fraudcase-spark-")
    atexit.register(stop)
    builder = SparkSession.builder
    for key, value in conf(_scratch).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    checkpoints = os.environ.get("FRAUDCASE_SPARK_CHECKPOINT_DIR") or str(
        Path(_scratch, "checkpoints")
    )
    spark.sparkContext.setCheckpointDir(checkpoints)
    _session = spark
    return spark


def stop() -> None:
    """Stop the session (if started) and remove its temporary directory."""
    global _session, _scratch
    if _session is not None:
        from pyspark import SparkContext

        _session.stop()
        _session = None
        # And its JVM (which stopping the session leaves running, holding its heap): it ends
        # when the pipe to its stdin closes. A later session() starts another.
        gateway = SparkContext._gateway
        if gateway is not None:
            gateway.shutdown()
            process = getattr(gateway, "proc", None)
            if process is not None:
                process.stdin.close()
                process.wait(timeout=30)
            SparkContext._gateway = None
            SparkContext._jvm = None
    if _scratch is not None:
        shutil.rmtree(_scratch, ignore_errors=True)
        _scratch = None


def api() -> Any:
    """A Splink database API on the session: intermediate tables written as parquet under the
    checkpoint directory (breaking Spark's lineage between Splink's steps)."""
    from splink.backends.spark import SparkAPI

    return SparkAPI(spark_session=session(), break_lineage_method="parquet")
