"""`socialsafe accounts check`: the same check from the command line, over https only, against
a local https server whose test certificate authority is trusted through REQUESTS_CA_BUNDLE
(as a managed laptop trusts its organisation's proxy)."""

from __future__ import annotations

import datetime
import ipaddress
import json
import re
import ssl

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from socialsafe_desktop.cli import main

x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

CATEGORIES = ["social", "coding", "xx NSFW xx"]


def _certificates(folder):
    """A throw-away certificate authority and a certificate for 127.0.0.1 signed by it."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SocialSafe test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.TraditionalOpenSSL,
                                                       serialization.NoEncryption()))
    return folder / "ca.pem"


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    ca = _certificates(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True, ssl_context=context)
    server.start()
    server.ca_file = ca
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def sites_on(tls_server, tmp_path, monkeypatch):
    """Point the app's resources at a folder whose site list names the local https server."""
    tls_server.clear()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls_server.ca_file))
    resources = tmp_path / "resources"
    (resources / "accounts").mkdir(parents=True)
    monkeypatch.setenv("SOCIALSAFE_RESOURCES", str(resources))
    seen = []

    def answer(request):
        seen.append(request.path)
        name = request.path.split("/")[1]
        if name in ("here", "adult"):
            return Response('<div class="profile">Sam</div>', 200, content_type="text/html")
        if name == "wall":
            return Response("<title>Just a moment...</title>", 403, headers={"cf-mitigated": "challenge"})
        return Response("no such user", 404)

    tls_server.expect_request(re.compile(r"/.*")).respond_with_handler(answer)

    def write(entries):
        base = f"https://127.0.0.1:{tls_server.port}"
        sites = [{"name": name, "uri_check": f"{base}/{path}/{{account}}", "e_code": 200,
                  "e_string": 'class="profile"', "m_code": 404, "m_string": "", "cat": cat}
                 for name, path, cat in entries]
        (resources / "accounts" / "sites.json").write_text(json.dumps({"categories": CATEGORIES, "sites": sites}))
        return seen

    return write


def test_prints_each_sites_outcome_and_exits_0(sites_on, capsys):
    seen = sites_on([("Here", "here", "social"), ("Gone", "gone", "coding"), ("Walled", "wall", "social"),
                     ("Adult", "adult", "xx NSFW xx")])

    assert main(["accounts", "check", "sam-example"]) == 0

    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("found") and "Here" in lines[0] and "/here/sam-example" in lines[0]
    assert lines[1].startswith("could not check") and "Walled" in lines[1] and "human check" in lines[1]
    assert lines[2].startswith("not found") and "Gone" in lines[2]
    assert len(lines) == 3  # the adult site was not asked ...
    assert "/adult/sam-example" not in seen
    assert "Checking 3 sites for the username 'sam-example'" in err and "Found on 1," in err


def test_adult_sites_only_when_named_and_json_output(sites_on, capsys):
    seen = sites_on([("Here", "here", "social"), ("Adult", "adult", "xx NSFW xx")])

    assert main(["accounts", "check", "sam-example", "--category", "adult", "--json"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert seen == ["/adult/sam-example"]
    assert report["counts"] == {"found": 1, "not_found": 0, "could_not_check": 0}
    assert [(r["site"], r["outcome"], r["status"]) for r in report["results"]] == [("Adult", "found", 200)]


def test_exit_3_when_not_one_site_could_be_checked(sites_on, capsys):
    sites_on([("Walled", "wall", "social")])
    assert main(["accounts", "check", "sam-example"]) == 3


def test_a_certificate_that_is_not_trusted_is_could_not_check(sites_on, monkeypatch, capsys):
    sites_on([("Here", "here", "social")])
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    monkeypatch.setenv("CURL_CA_BUNDLE", "")

    assert main(["accounts", "check", "sam-example"]) == 3

    assert "secure connection could not be verified" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["accounts", "check", "sam-example", "--category", "gardening"], "there is no category 'gardening'"),
    (["accounts", "check", "sam@example.org"], "That is an email address"),
    (["accounts", "check", "sam\u202eexample"], "A username cannot contain"),
])
def test_a_wrong_argument_is_one_sentence_and_exit_2(sites_on, capsys, argv, message):
    seen = sites_on([("Here", "here", "social")])

    assert main(argv) == 2

    out, err = capsys.readouterr()
    assert out == "" and seen == []
    assert err.startswith(f"socialsafe: {message}") and err.count("\n") == 1 and "Traceback" not in err


def test_a_site_list_that_cannot_be_used_is_one_sentence_and_exit_1(tmp_path, monkeypatch, capsys):
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "sites.json").write_text("{broken")
    monkeypatch.setenv("SOCIALSAFE_RESOURCES", str(tmp_path))

    assert main(["accounts", "check", "sam-example"]) == 1

    err = capsys.readouterr().err
    assert err.startswith("socialsafe: The site list") and "not valid JSON" in err and err.count("\n") == 1


def _policy(tmp_path, monkeypatch, text):
    path = tmp_path / "policy.toml"
    path.write_text('[organisation]\nname = "Example Trust"\n' + text, encoding="utf-8")
    monkeypatch.setenv("SOCIALSAFE_POLICY", str(path))


def test_the_organisations_policy_can_switch_the_check_off(sites_on, tmp_path, monkeypatch, capsys):
    seen = sites_on([("Here", "here", "social")])
    _policy(tmp_path, monkeypatch, "[accounts]\ncategories = []\n")

    assert main(["accounts", "check", "sam-example"]) == 1

    err = capsys.readouterr().err
    assert err == "socialsafe: The forgotten-accounts check is switched off by Example Trust's policy.\n"
    assert seen == []


def test_keeping_searches_in_the_browser_keeps_the_check_off_too(sites_on, tmp_path, monkeypatch, capsys):
    seen = sites_on([("Here", "here", "social")])
    _policy(tmp_path, monkeypatch, '[search]\nmodes = ["browser"]\n')

    assert main(["accounts", "check", "sam-example"]) == 1
    assert "switched off by Example Trust's policy" in capsys.readouterr().err and seen == []


def test_the_policy_limits_the_categories_asked(sites_on, tmp_path, monkeypatch, capsys):
    seen = sites_on([("Here", "here", "social"), ("Gone", "gone", "coding"), ("Adult", "adult", "xx NSFW xx")])
    _policy(tmp_path, monkeypatch, '[accounts]\ncategories = ["coding"]\n')

    assert main(["accounts", "check", "sam-example"]) == 0
    assert seen == ["/gone/sam-example"]

    for category in ("social", "adult"):
        assert main(["accounts", "check", "sam-example", "--category", category]) == 1
        err = capsys.readouterr().err
        assert f"Checking '{category}' sites is not allowed by Example Trust's policy" in err
        assert "the categories allowed are: coding." in err
    assert seen == ["/gone/sam-example"]
