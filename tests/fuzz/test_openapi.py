"""Property-based tests generated from the OpenAPI document: no request makes the API answer 5xx.

Schemathesis reads /api/v1/openapi.json from the real app (WSGI, real Redis, a real worker behind
it) and sends generated requests to every operation, with and without the recruiter's key. Only
`not_a_server_error` is checked: a 4xx for nonsense input is the right answer.
"""

from __future__ import annotations

import warnings

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from service.openapi import document

MAX_EXAMPLES = 25


# The document the app serves at /api/v1/openapi.json (a test below checks they are the same).
schema = schemathesis.openapi.from_dict(document())


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case, app, api_key, worker_process):
    with warnings.catch_warnings():
        # werkzeug's test client warns about the odd multipart bodies the generator writes; they
        # are exactly the inputs this test is for.
        warnings.simplefilter("ignore")
        response = case.call(app=app, headers={"X-API-Key": api_key})
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])


def test_the_schema_tested_is_the_one_served(client):
    assert client.get("/api/v1/openapi.json").get_json() == document()
