"""A real SAML 2.0 identity provider for the SSO tests: pysaml2's `Server`, in its own process.

Run as `python -m tests.integrations.counterparts.saml_idp CONFIG_JSON` (port, people with
email, password and AuthnContext class). It signs its assertions with xmlsec1 and a key made at
start, publishes its metadata at /metadata, takes AuthnRequests by HTTP-Redirect at /sso,
shows a sign-in form and answers the service provider by HTTP-POST. A service provider's
metadata is read from its entity ID (allauth's default entity ID is its metadata URL) the first
time it asks.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import secrets
import shutil
import sys
import tempfile
import urllib.request
import zlib
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, xmldsig
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.samlp import authn_request_from_string
from saml2.server import Server

CONFIG = json.loads(sys.argv[1]) if __name__ == "__main__" else {}
PENDING: dict[str, tuple] = {}
KNOWN_SPS: set[str] = set()


def _self_signed(workdir: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test-idp")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = workdir / "idp.key", workdir / "idp.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


def build_server(base: str, workdir: Path) -> Server:
    key_file, cert_file = _self_signed(workdir)
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{base}/metadata",
            "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
            "key_file": key_file,
            "cert_file": cert_file,
            "service": {
                "idp": {
                    "name": "Agency test IdP",
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [saml.NAMEID_FORMAT_EMAILADDRESS],
                    "policy": {
                        "default": {"lifetime": {"minutes": 15}, "attribute_restrictions": None}
                    },
                    "want_authn_requests_signed": False,
                }
            },
            "metadata": {},
            "allow_unknown_attributes": True,
        }
    )
    return Server(config=config)


def _load_sp_metadata(server: Server, saml_request: str) -> None:
    xml = zlib.decompress(base64.b64decode(saml_request), -15).decode()
    issuer = authn_request_from_string(xml).issuer.text
    if issuer in KNOWN_SPS:
        return
    with urllib.request.urlopen(issuer, timeout=10) as response:
        server.metadata.load("inline", response.read().decode())
    KNOWN_SPS.add(issuer)


def _page(body: str, status="200 OK"):
    return status, [("Content-Type", "text/html; charset=utf-8")], body.encode()


def _login_form(key: str, error: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head><title>Agency SAML sign-in</title></head>
<body><main><h1>Agency SAML identity provider</h1><form method="post" action="/login">
<input type="hidden" name="key" value="{key}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password"></label>
<p>{html.escape(error)}</p><button type="submit">Sign in to the agency</button></form></main></body></html>"""


def _respond(server: Server, request, relay_state: str, person: dict) -> str:
    args = server.response_args(request, [BINDING_HTTP_POST])
    authn = {"class_ref": person.get("authn_context", saml.AUTHN_PASSWORD_PROTECTED)}
    response = server.create_authn_response(
        identity={
            "mail": [person["email"]],
            "givenName": [person.get("first_name", "")],
            "sn": [person.get("last_name", "")],
        },
        name_id=saml.NameID(format=saml.NAMEID_FORMAT_EMAILADDRESS, text=person["email"]),
        authn=authn,
        sign_assertion=True,
        sign_response=True,
        sign_alg=xmldsig.SIG_RSA_SHA256,
        digest_alg=xmldsig.DIGEST_SHA256,
        **args,
    )
    info = server.apply_binding(
        BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
    )
    # The form posts itself, as an IdP's page does; a button for when scripts are off.
    return info["data"]


def app(server: Server):
    people = {p["username"]: p for p in CONFIG.get("people", [])}

    def wsgi(environ, start_response):
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/metadata":
            body = create_metadata_string(None, server.config, sign=False)
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [body if isinstance(body, bytes) else body.encode()]
        if path == "/sso":
            _load_sp_metadata(server, query["SAMLRequest"])
            request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            key = secrets.token_urlsafe(16)
            PENDING[key] = (request.message, query.get("RelayState", ""))
            status, headers, body = _page(_login_form(key))
        elif path == "/login" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            person = people.get(form.get("username", ""))
            if person is None or person["password"] != form.get("password"):
                status, headers, body = _page(_login_form(form.get("key", ""), "Wrong password."))
            else:
                request, relay_state = PENDING.pop(form["key"])
                status, headers, body = _page(_respond(server, request, relay_state, person))
        else:
            status, headers, body = _page("not found", "404 Not Found")
        start_response(status, headers)
        return [body]

    return wsgi


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    port = CONFIG["port"]
    base = f"http://127.0.0.1:{port}"
    server = build_server(base, Path(tempfile.mkdtemp(prefix="saml-idp-")))
    httpd = make_server(
        "127.0.0.1", port, app(server), server_class=_ThreadingServer, handler_class=_QuietHandler
    )
    print("saml idp ready", flush=True)  # noqa: T201 (the parent waits for this line)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
