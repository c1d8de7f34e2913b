"""The OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from models.vocab import JOB_ERROR_CODES, JOB_STATUSES

bp = Blueprint("openapi", __name__)

ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(ERROR, description)


ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": 64},
}
API_KEY = [{"apiKey": []}]


def document() -> dict[str, Any]:
    as_of = {
        "type": "string",
        "pattern": r"^(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?$",
        "description": 'The date "Present" means in the resume (YYYY-MM-DD or YYYY-MM); default: the '
        "file's own date (PDF CreationDate, DOCX core properties) or the latest date in it.",
    }
    upload_body = {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "role": {"type": "string"},
                    "as_of": as_of,
                },
            }
        }
    }
    batch_body = {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["files"],
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "role": {"type": "string"},
                    "job_description": {"type": "string"},
                    "title": {"type": "string"},
                    "as_of": as_of,
                },
            }
        }
    }
    role_body = {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string"}, "title": {"type": "string", "maxLength": 120}},
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "title": {"type": "string"},
                    "file": {"type": "string", "format": "binary"},
                },
            }
        },
    }
    shortlist_params = [
        {"name": "min_score", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 100}},
        {
            "name": "must",
            "in": "query",
            "schema": {"type": "string"},
            "description": "comma-separated skills",
        },
        {
            "name": "level",
            "in": "query",
            "schema": {"type": "string"},
            "description": "comma-separated levels 1-5",
        },
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": ["score", "years", "level", "name"]},
        },
        {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
        {"name": "blind", "in": "query", "schema": {"type": "boolean"}},
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Rolefit API",
            "version": "1.0.0",
            "description": "Resume-to-role matching: upload resumes, poll reports, screen batches.",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                        }
                    },
                },
                "Accepted": {
                    "type": "object",
                    "required": ["id", "status"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"type": "string"},
                        "links": {"type": "object"},
                    },
                },
                "Job": {
                    "type": "object",
                    "required": ["id", "status"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"type": "string", "enum": list(JOB_STATUSES)},
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string", "enum": sorted(JOB_ERROR_CODES)},
                                "message": {"type": "string"},
                            },
                        },
                        "report": {"$ref": "#/components/schemas/Report"},
                    },
                },
                "Report": {
                    "type": "object",
                    "required": [
                        "schema",
                        "file",
                        "taxonomy_version",
                        "candidate",
                        "skills",
                        "ladder_level",
                        "fits",
                        "best_fit",
                        "next_level",
                        "warnings",
                    ],
                    "properties": {"schema": {"const": "rolefit.report/1"}},
                },
                "Role": {
                    "type": "object",
                    "required": ["id", "title", "level"],
                    "properties": {
                        "requirements": {
                            "type": "array",
                            "description": "What the role asks for, heaviest first",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "label": {"type": "string"},
                                    "importance": {"enum": ["required", "strong_plus", "nice_to_have"]},
                                    "weight": {"type": "number"},
                                    "skills": {"type": "array"},
                                    "source": {"type": "string", "description": "the sentence it came from"},
                                    "section": {"type": "string"},
                                },
                            },
                        }
                    },
                },
                "Batch": {"type": "object", "required": ["id", "progress", "candidates"]},
            },
        },
        "paths": {
            "/api/v1/resumes": {
                "post": {
                    "summary": "Upload a resume",
                    "requestBody": {"required": True, "content": upload_body},
                    "responses": {
                        "202": _json({"$ref": "#/components/schemas/Accepted"}, "queued"),
                        "400": _error("missing or empty file, or an unreadable as_of"),
                        "401": _error("API key required"),
                        "404": _error("unknown role"),
                        "413": _error("too large"),
                        "415": _error("not a PDF, DOCX, Markdown, HTML or text file"),
                        "429": _error("rate limited"),
                        "503": _error(
                            "store or queue unreachable, or backlog_full: this client's share "
                            "of the queue is full (see Retry-After)"
                        ),
                    },
                }
            },
            "/api/v1/resumes/{id}": {
                "parameters": [ID_PARAM],
                "get": {
                    "summary": "Status and report",
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Job"}, "the job"),
                        "404": _error("unknown id"),
                    },
                },
                "delete": {
                    "summary": "Erase a candidate",
                    "responses": {
                        "204": {"description": "erased"},
                        "401": _error("API key required"),
                        "404": _error("unknown id"),
                    },
                },
            },
            "/api/v1/roles": {
                "get": {"summary": "Role profiles", "responses": {"200": _json({"type": "object"}, "roles")}},
                "post": {
                    "summary": "Add a job description",
                    "description": (
                        "Pasted `text`, or a PDF, DOCX or text `file` that a worker reads under the upload "
                        "budgets. A worker builds the role while the request waits; the same text again "
                        "answers 200 with the role made before."
                    ),
                    "security": API_KEY,
                    "requestBody": {"required": True, "content": role_body},
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Role"}, "added before"),
                        "201": _json({"$ref": "#/components/schemas/Role"}, "created"),
                        "400": _error("no usable text"),
                        "401": _error("API key required"),
                        "413": _error("too large"),
                        "415": _error("unsupported file"),
                        "422": _error("file unreadable: damaged, encrypted or over a reading budget"),
                        "503": _error("unavailable: no worker built the role in time, or the store is down"),
                    },
                },
            },
            "/api/v1/roles/{id}": {
                "parameters": [ID_PARAM],
                "get": {
                    "summary": "One role (a seed role, or one the key added)",
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Role"}, "the role"),
                        "404": _error("unknown role"),
                    },
                },
                "patch": {
                    "summary": "Rename a role the key added; pin it (operator keys)",
                    "security": API_KEY,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "title": {"type": "string"},
                                        "pinned": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Role"}, "the role"),
                        "400": _error("nothing to change"),
                        "401": _error("API key required"),
                        "403": _error("a seed role, or pinning without an operator key"),
                        "404": _error("unknown role, or another key's"),
                    },
                },
                "delete": {
                    "summary": "Delete a role the key added",
                    "security": API_KEY,
                    "responses": {
                        "204": {"description": "deleted"},
                        "401": _error("API key required"),
                        "403": _error("a seed role"),
                        "404": _error("unknown role, or another key's"),
                    },
                },
            },
            "/api/v1/batches/{id}/candidates/{code}": {
                "parameters": [
                    ID_PARAM,
                    {
                        "name": "code",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "minLength": 1, "maxLength": 64},
                    },
                ],
                "get": {
                    "summary": "A blind row's report, without name, contact details, links or file name",
                    "security": API_KEY,
                    "responses": {
                        "200": _json({"type": "object"}, "the redacted report"),
                        "401": _error("API key required"),
                        "404": _error("unknown batch or candidate"),
                    },
                },
            },
            "/api/v1/batches": {
                "get": {
                    "summary": "The key's batches, newest first (every key's for an operator key)",
                    "security": API_KEY,
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                        }
                    ],
                    "responses": {
                        "200": _json({"type": "object"}, "batches with progress and role"),
                        "400": _error("bad limit"),
                        "401": _error("API key required"),
                    },
                },
                "post": {
                    "summary": "Screen a batch",
                    "security": API_KEY,
                    "requestBody": {"required": True, "content": batch_body},
                    "responses": {
                        "202": _json({"type": "object"}, "accepted"),
                        "400": _error("no files, or an unreadable as_of"),
                        "401": _error("API key required"),
                        "404": _error("unknown role"),
                        "413": _error("too large"),
                        "503": _error("backlog_full: the key's share of the queue cannot hold the batch"),
                    },
                },
            },
            "/api/v1/batches/{id}": {
                "parameters": [ID_PARAM],
                "get": {
                    "summary": "Progress and ranked candidates",
                    "security": API_KEY,
                    "parameters": shortlist_params,
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Batch"}, "the batch"),
                        "400": _error("bad filter"),
                        "401": _error("API key required"),
                        "404": _error("unknown batch"),
                    },
                },
                "delete": {
                    "summary": "Erase a batch and its candidates",
                    "security": API_KEY,
                    "responses": {
                        "204": {"description": "erased"},
                        "401": _error("API key required"),
                        "404": _error("unknown batch"),
                    },
                },
            },
            "/api/v1/batches/{id}/export": {
                "parameters": [ID_PARAM],
                "get": {
                    "summary": "The shortlist as a file",
                    "security": API_KEY,
                    "parameters": [
                        {
                            "name": "format",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["csv", "json"]},
                        },
                        *shortlist_params,
                    ],
                    "responses": {
                        "200": {
                            "description": "the file",
                            "content": {"text/csv": {}, "application/json": {}},
                        },
                        "400": _error("bad format or filter"),
                        "401": _error("API key required"),
                        "404": _error("unknown batch"),
                    },
                },
            },
            "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "up"}}}},
            "/readyz": {
                "get": {
                    "summary": "Readiness",
                    "responses": {"200": {"description": "ready"}, "503": {"description": "not ready"}},
                }
            },
            "/metrics": {
                "get": {"summary": "Prometheus metrics", "responses": {"200": {"description": "metrics"}}}
            },
        },
    }


@bp.get("/api/v1/openapi.json")
def openapi():
    return jsonify(document())
