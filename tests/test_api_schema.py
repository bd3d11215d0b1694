"""Schemathesis over the OpenAPI of a live server: generated requests never get a 5xx.

Driven through Hypothesis directly (schemathesis' pytest plugin does not load under this pytest).
"""
from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

MAX_EXAMPLES = 15
MIN_OPERATIONS = 6  # /api/plans (GET, POST), /api/plans/{id}, /api/entities, /api/entities/{id}, /api/passages/{id}, /healthz


@pytest.fixture(scope="module")
def api_schema(live_server_factory, api_sample_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("schema") / "store"
    shutil.copytree(api_sample_store, store)
    srv = live_server_factory(store, update_token="schema-token", query_timeout=5)
    return schemathesis.openapi.from_url(srv.url + "/openapi.json")


@pytest.mark.slow
def test_no_server_errors(api_schema):
    operations = [r.ok() for r in api_schema.get_all_operations()]
    assert len(operations) >= MIN_OPERATIONS
    failures = []
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(checks=[not_a_server_error], timeout=30)

        try:
            run()
        except Exception as exc:  # collect every failing operation, then report them together
            failures.append(f"{op.method.upper()} {op.path}: {str(exc)[:500]}")
    assert not failures, "\n".join(failures)
