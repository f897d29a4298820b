#!/usr/bin/env python3
"""Writes the part of Prefect's OpenAPI document that Vigil's orchestrator calls depend on.

Usage: extract.py PREFECT_SCHEMA_JSON PREFECT_COMMIT > actuator-service/src/test/resources/prefect-contract/orchestrator-api.json

PREFECT_SCHEMA_JSON is docs/v3/api-ref/rest-api/server/schema.json of PrefectHQ/prefect at PREFECT_COMMIT.
For each call below (method and path as Prefect's server routes them, under /api) it keeps the operation's
request-body schema and success responses, and every component schema they reach, so that
OrchestratorContractTest can check each request Vigil sends against Prefect's own schema offline.
"""
import json
import sys

CALLS = [
    ("post", "/deployments/{id}/create_flow_run"),
    ("post", "/deployments/{id}/pause_deployment"),
    ("post", "/deployments/{id}/resume_deployment"),
    ("post", "/flow_runs/{id}/set_state"),
    ("post", "/flow_runs/{id}/resume"),
    ("patch", "/work_queues/{id}"),
    ("post", "/work_pools/filter"),
    ("patch", "/work_pools/{name}"),
    ("get", "/flow_runs/{id}"),
    ("get", "/task_runs/{id}"),
    ("get", "/flows/{id}"),
    ("get", "/deployments/{id}"),
    ("get", "/work_queues/{id}"),
    ("get", "/work_queues/{id}/status"),
    ("get", "/v2/concurrency_limits/{id_or_name}"),
    ("post", "/variables/filter"),
]


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main():
    document = json.load(open(sys.argv[1]))
    calls = []
    wanted = set()
    for method, path in CALLS:
        operation = document["paths"][path][method]
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        responses = {code: r.get("content", {}).get("application/json", {}).get("schema")
                      for code, r in operation["responses"].items() if code.startswith("2")}
        call = {"method": method.upper(), "path": path, "body": body, "responses": responses}
        refs(call, wanted)
        calls.append(call)
    schemas = document["components"]["schemas"]
    closure = set()
    while wanted:
        name = wanted.pop()
        if name in closure:
            continue
        closure.add(name)
        refs(schemas[name], wanted)
    out = {
        "source": "PrefectHQ/prefect@" + sys.argv[2] + " docs/v3/api-ref/rest-api/server/schema.json",
        "openapi": document.get("openapi"),
        "calls": calls,
        "components": {"schemas": {name: schemas[name] for name in sorted(closure)}},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
