"""The Dockerfile, docker-compose.yml, fly.toml, railway.toml and the CI workflow agree
with each other and with the app: port, health path, commands, settings, state."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from chatscan.cli import app as chatscan_cli
from chatscan.cli_service import migrate
from chatscan.service import Settings, create_app
from tests.deploy import configs
from tests.paths import REPO_ROOT
from tests.service.support import make_settings

SETTINGS = {name.upper() for name in Settings.model_fields}
SECRETS = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "DATABASE_URL")
HEALTH = "/health"


def _port() -> int:
    """The one port: the Dockerfile's PORT, which its EXPOSE and everyone else must match."""
    env = " ".join(configs.read_dockerfile().final.all("ENV"))
    found = re.search(r"\bPORT=(\d+)", env)
    assert found, "the final stage sets no PORT"
    return int(found[1])


def _settings_names_only(names: set[str], where: str) -> None:
    unknown = {n for n in names if n not in SETTINGS and not configs.NON_SETTINGS.match(n)}
    assert not unknown, f"{where} sets variables the service does not read: {sorted(unknown)}"


# -- the app ----------------------------------------------------------------------------


def test_the_health_route_exists_and_answers(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    assert "get" in app.openapi()["paths"][HEALTH]
    assert TestClient(app).get(HEALTH).json()["status"] == "healthy"


def test_the_commands_the_files_run_exist() -> None:
    serve = chatscan_cli.commands["serve"]
    assert {"host", "port", "workers"} <= {param.name for param in serve.params}
    assert migrate.name == "migrate"


# -- Dockerfile -------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_non_root_and_healthchecked() -> None:
    dockerfile = configs.read_dockerfile()
    assert len(dockerfile.stages) >= 2
    final = dockerfile.final
    assert final.base == dockerfile.stages[0].base  # the same slim Python base
    users = final.all("USER")
    assert users and users[-1].split(":")[0] not in ("root", "0")
    [healthcheck] = final.all("HEALTHCHECK")
    assert f"{HEALTH}'" in healthcheck and "PORT" in healthcheck
    assert final.all("EXPOSE") == [str(_port())]
    [command] = final.all("CMD")
    assert 'chatscan serve --host 0.0.0.0 --port \\"${PORT}\\"' in command
    assert '--workers \\"${WEB_CONCURRENCY}\\"' in command
    assert re.search(r"\bWEB_CONCURRENCY=\d+", " ".join(final.all("ENV")))


def test_dockerfile_final_stage_has_no_build_tools_or_tests() -> None:
    dockerfile = configs.read_dockerfile()
    final_text = " ".join(args for _kw, args in dockerfile.final.instructions)
    for banned in ("build-essential", "gcc", "pytest", "[test]", "tests"):
        assert banned not in final_text, banned
    assert "build-essential" in " ".join(args for _kw, args in dockerfile.stages[0].instructions)
    # WeasyPrint's libraries for PDF reports, and a font
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"):
        assert package in final_text
    # the image installs the builder's wheels only: no source tree copied into it
    assert not dockerfile.final.all("COPY")


def test_dockerignore_sends_only_what_the_build_needs() -> None:
    lines = [
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*"
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert allowed == {"pyproject.toml", "constraints.txt", "README.md", "src"}
    copied = " ".join(configs.read_dockerfile().stages[0].all("COPY"))
    for name in allowed:
        assert name in copied


# -- fly.toml ---------------------------------------------------------------------------


def test_fly_matches_the_image_and_the_app() -> None:
    fly = configs.fly()
    service = fly["http_service"]
    assert service["internal_port"] == _port() == int(fly["env"]["PORT"])
    assert [check["path"] for check in service["checks"]] == [HEALTH]
    assert service["auto_stop_machines"] in ("stop", "suspend", True)
    assert service["auto_start_machines"] is True
    assert service["force_https"] is True
    assert fly["deploy"]["release_command"] == "chatscan migrate"
    assert [vm["memory"] for vm in fly["vm"]] == ["256mb"]
    assert fly["build"]["dockerfile"] == "Dockerfile"
    # 256 MB holds one worker process
    assert fly["env"]["WEB_CONCURRENCY"] == "1"


def test_fly_lists_its_secrets_and_sets_none() -> None:
    fly = configs.fly()
    _settings_names_only(set(fly["env"]), "fly.toml [env]")
    text = (REPO_ROOT / "fly.toml").read_text(encoding="utf-8")
    for secret in (*SECRETS, "STRIPE_PUBLISHABLE_KEY", "RATE_LIMIT_STORAGE_URL"):
        assert secret not in fly["env"]
        assert re.search(rf"^#\s+{secret}\b", text, re.M), f"fly.toml does not list {secret}"
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        **{k.lower(): v for k, v in fly["env"].items() if k in SETTINGS},
        stripe_secret_key="sk_test_x",
    )
    assert settings.payment_required is True


# -- railway.toml -----------------------------------------------------------------------


def test_railway_builds_the_dockerfile_and_checks_health() -> None:
    railway = configs.railway()
    assert railway["build"]["builder"] == "DOCKERFILE"
    assert (REPO_ROOT / railway["build"]["dockerfilePath"]).is_file()
    deploy = railway["deploy"]
    assert deploy["healthcheckPath"] == HEALTH
    assert deploy["restartPolicyType"] in ("ON_FAILURE", "ALWAYS")
    assert deploy["restartPolicyMaxRetries"] >= 1
    assert deploy["preDeployCommand"] == ["chatscan migrate"]


# -- docker-compose.yml -----------------------------------------------------------------


def _app_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """The app's environment in compose, as interpolated with ``env`` (e.g. a ``.env``)."""
    app = configs.compose()["services"]["app"]
    return {name: configs.interpolate(value, env) for name, value in app["environment"].items()}


def test_compose_app_uses_the_compose_postgres_and_redis() -> None:
    services = configs.compose()["services"]
    env = _app_environment()
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme == "postgresql+psycopg"
    assert database.hostname == "postgres" and database.port == 5432
    postgres = services["postgres"]
    assert postgres["image"].startswith("postgres:")
    pg_env = {name: configs.interpolate(value) for name, value in postgres["environment"].items()}
    assert database.username == pg_env["POSTGRES_USER"]
    assert database.password == pg_env["POSTGRES_PASSWORD"]
    assert database.path == "/" + pg_env["POSTGRES_DB"]

    redis = urlsplit(env["RATE_LIMIT_STORAGE_URL"])
    assert redis.scheme == "redis" and redis.hostname == "redis" and redis.port == 6379
    assert services["redis"]["image"].startswith("redis:")

    assert services["app"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    for name in ("postgres", "redis", "app"):
        assert services[name]["healthcheck"]["test"], name


def test_compose_app_settings_are_service_settings_and_valid() -> None:
    env = _app_environment()
    _settings_names_only(set(env), "docker-compose.yml")
    assert env["PORT"] == str(_port())
    values = {name.lower(): value for name, value in env.items() if name in SETTINGS}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.payment_required is False  # until the operator's .env turns it on
    assert settings.rate_limit_storage_url == "redis://redis:6379"
    # an operator's .env turning payments on without a key is refused, as serve would
    paid = _app_environment({"PAYMENT_REQUIRED": "true"})
    values = {name.lower(): value for name, value in paid.items() if name in SETTINGS}
    with pytest.raises(ValueError, match="STRIPE_SECRET_KEY"):
        Settings(_env_file=None, **values)  # type: ignore[call-arg]
    keyed = _app_environment({"PAYMENT_REQUIRED": "true", "STRIPE_SECRET_KEY": "sk_test_x"})
    values = {name.lower(): value for name, value in keyed.items() if name in SETTINGS}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.payment_required is True


def test_compose_app_can_be_scaled_out() -> None:
    """No state, fixed host port or fixed name on the app: `--scale app=3` works."""
    compose = configs.compose()
    app = compose["services"]["app"]
    for key in ("volumes", "ports", "container_name"):
        assert key not in app, key
    assert app["expose"] == [str(_port())]
    healthcheck = " ".join(app["healthcheck"]["test"])
    assert f"127.0.0.1:{_port()}{HEALTH}" in healthcheck
    proxy = compose["services"]["proxy"]
    assert f"app:{_port()}" in proxy["command"]
    assert proxy["depends_on"]["app"] == {"condition": "service_healthy"}
    # the ledger's data lives in a named volume on the database, not in any app
    assert "ledger" in compose["volumes"]
    assert compose["services"]["postgres"]["volumes"] == ["ledger:/var/lib/postgresql/data"]


# -- the CI workflow --------------------------------------------------------------------


def test_workflow_permissions_are_explicit_and_least() -> None:
    workflow = configs.workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        assert permissions.get("contents") == "read", name
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes <= ({"packages"} if name == "image" else set()), name


def test_workflow_actions_are_pinned_by_commit() -> None:
    text = (REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)$", text, re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d", comment), f"{action} has no version comment"


def test_workflow_tests_with_postgres_and_redis_then_gates_deploys() -> None:
    workflow = configs.workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) >= {"push", "pull_request"}
    assert workflow["env"]["CI"] == "true"
    jobs = workflow["jobs"]
    test = jobs["test"]
    assert test["services"]["postgres"]["image"] == "postgres:15"
    assert test["services"]["redis"]["image"] == "redis:7"
    for service in test["services"].values():
        assert "--health-cmd" in service["options"]
    assert any(step.get("run") == "make test" for step in test["steps"])
    for name, branch, environment in (
        ("deploy-staging", "refs/heads/develop", "staging"),
        ("deploy-production", "refs/heads/main", "production"),
    ):
        job = jobs[name]
        assert "test" in job["needs"]
        assert branch in job["if"] and job["environment"] == environment
        assert job["env"]["FLY_API_TOKEN"] == "${{ secrets.FLY_API_TOKEN }}"
        gated = [step for step in job["steps"] if step.get("id") != "gate"]
        assert all("steps.gate.outputs.ready" in step.get("if", "") for step in gated), name
        deploy = next(step["run"] for step in gated if "flyctl deploy" in step.get("run", ""))
        assert "--config fly.toml" in shlex.join(shlex.split(deploy))
