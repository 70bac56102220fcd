"""Role enforcement on every route: viewers read, reviewers act on cases and appeals, admins also
manage users and policies."""

from __future__ import annotations

import pytest

from tests.console.helpers import ConsoleClient

READ_PAGES = ["/console/", "/console/accounts", "/console/accounts/alice", "/console/orgs", "/console/orgs/rival",
              "/console/cases", "/console/appeals", "/console/policies", "/console/audit",
              "/console/audit?log=admin", "/console/feed"]


@pytest.mark.parametrize("path", READ_PAGES)
def test_every_role_reads_every_page(viewer: ConsoleClient, path: str) -> None:
    response = viewer.http.get(path)
    assert response.status_code == 200, response.text[:500]


def test_viewer_cannot_act(viewer: ConsoleClient) -> None:
    for path, data in [("/console/actions", {"subject": "account:alice", "kind": "block", "reason": "no"}),
                       ("/console/cases", {"subject": "account:alice", "title": "no"}),
                       ("/console/appeals/apl_x/decision", {"verdict": "accept", "note": "no"}),
                       ("/console/policies/dry-run", {"file": "restricted.yaml", "text": "rules: []"}),
                       ("/console/users", {"username": "x1", "role": "admin", "password": "long-enough-pass"})]:
        response = viewer.post(path, data)
        assert response.status_code == 403, path
        assert "needs the" in response.text
    page = viewer.get("/console/accounts/alice").text
    assert 'action="/console/actions"' not in page  # no forms offered either
    assert viewer.get("/console/accounts/alice").status_code == 200


def test_viewer_and_reviewer_cannot_manage_users(viewer: ConsoleClient, reviewer: ConsoleClient) -> None:
    for c in (viewer, reviewer):
        assert c.get("/console/users").status_code == 403
        assert c.post("/console/users", {"username": "sneaky", "role": "admin",
                                         "password": "long-enough-pass"}).status_code == 403
        assert c.post("/console/users/viewer/role", {"role": "admin"}).status_code == 403
        assert c.post("/console/users/admin/disabled", {"disabled": "1"}).status_code == 403
        assert c.post("/console/policies/save", {"file": "restricted.yaml", "text": "rules: []"}).status_code == 403
        assert 'href="/console/users"' not in c.get("/console/").text


def test_reviewer_acts_on_cases(reviewer: ConsoleClient) -> None:
    response = reviewer.post("/console/cases", {"subject": "account:alice", "title": "look at alice",
                                                "note": "routine"})
    assert response.status_code == 303 and response.headers["location"].startswith("/console/cases/case_")
    case_page = reviewer.get(response.headers["location"])
    assert case_page.status_code == 200 and "look at alice" in case_page.text
    applied = reviewer.post("/console/actions", {"subject": "account:alice", "kind": "restrict",
                                                 "reason": "test restriction", "max_tokens": "100",
                                                 "back": "/console/accounts/alice"})
    assert applied.status_code == 303 and "notice=" in applied.headers["location"]
    page = reviewer.get("/console/accounts/alice").text
    assert "test restriction" in page


def test_admin_manages_users_and_role_changes_apply_at_once(admin: ConsoleClient, viewer: ConsoleClient) -> None:
    assert admin.post("/console/users", {"username": "new-reviewer", "role": "reviewer",
                                         "password": "long-enough-password"}).status_code == 200
    assert admin.post("/console/users/viewer/role", {"role": "reviewer"}).status_code == 200
    assert viewer.post("/console/cases", {"subject": "account:bob", "title": "promoted"}).status_code == 303
    assert admin.post("/console/users/viewer/role", {"role": "viewer"}).status_code == 200
    assert viewer.post("/console/cases", {"subject": "account:carol", "title": "demoted"}).status_code == 403
    assert admin.post("/console/users/viewer/disabled", {"disabled": "1"}).status_code == 200
    assert viewer.get("/console/").status_code == 303  # a disabled user's session ends at once
    assert admin.post("/console/users/viewer/disabled", {"disabled": "0"}).status_code == 200
    assert admin.post("/console/users/admin/disabled", {"disabled": "1"}).status_code == 422  # not yourself
    assert admin.post("/console/users/admin/role", {"role": "viewer"}).status_code == 422  # no self-lockout
