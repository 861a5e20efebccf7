"""OAuth 1.0a consumer-request signing, checked against an implementation that is not oauthlib.

Client and sandbox both use oauthlib, so a bug in it would pass every round trip. The reference
below is written from RFC 5849 and is itself checked against published vectors first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import httpx
import pytest

from bot.uitpas.signing import ConsumerAuth


def _percent(text: str) -> str:
    return quote(text, safe="~")


def reference_base_string(method: str, url: str, params: list[tuple[str, str]]) -> str:
    """RFC 5849 §3.4.1: method, base string URI, normalised parameters (query, body, oauth)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    default_port = {"http": 80, "https": 443}[parts.scheme.lower()]
    netloc = host if parts.port in (None, default_port) else f"{host}:{parts.port}"
    base_uri = f"{parts.scheme.lower()}://{netloc.lower()}{parts.path or '/'}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    pairs = sorted((_percent(k), _percent(v)) for k, v in [*query, *params])
    normalised = "&".join(f"{k}={v}" for k, v in pairs)
    return "&".join([method.upper(), _percent(base_uri), _percent(normalised)])


def reference_signature(base_string: str, consumer_secret: str, token_secret: str = "") -> str:
    key = f"{_percent(consumer_secret)}&{_percent(token_secret)}".encode()
    digest = hmac.new(key, base_string.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def oauth_params(header: str) -> dict[str, str]:
    assert header.startswith("OAuth ")
    params = {}
    for item in header[len("OAuth ") :].split(","):
        name, _, value = item.strip().partition("=")
        params[unquote(name)] = unquote(value.strip('"'))
    return params


def test_reference_reproduces_the_published_oauth_core_vector() -> None:
    """OAuth Core 1.0 Appendix A.5 (photos.example.net), the classic HMAC-SHA1 vector."""
    oauth = [
        ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        ("oauth_token", "nnch734d00sl2jdk"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1191242096"),
        ("oauth_nonce", "kllo9940pd9333jh"),
        ("oauth_version", "1.0"),
    ]
    base = reference_base_string(
        "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", oauth
    )
    assert base == (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26"
        "oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26"
        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26"
        "oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
    )
    assert reference_signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00") == (
        "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
    )


def test_reference_reproduces_the_rfc_5849_base_string_with_body_and_odd_encodings() -> None:
    """RFC 5849 §3.4.1.1: query and form body merged, double-encoded values, ``+`` as space."""
    body = parse_qsl("c2&a3=2+q", keep_blank_values=True)
    oauth = [
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
    ]
    base = reference_base_string(
        "POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", [*body, *oauth]
    )
    assert base == (
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26"
        "b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26"
        "oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26"
        "oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    )


def _verify(header: str, method: str, url: str, body: str | None, secret: str) -> None:
    params = oauth_params(header)
    signature = params.pop("oauth_signature")
    form = parse_qsl(body, keep_blank_values=True) if body else []
    base = reference_base_string(method, url, [*form, *params.items()])
    assert signature == reference_signature(base, secret)


def test_consumer_request_is_two_legged_hmac_sha1() -> None:
    auth = ConsumerAuth("demo-key", "demo-secret")
    header = auth.authorization(
        "GET", "http://127.0.0.1:8090/uitid/rest/x", nonce="1234567890", timestamp="1700000000"
    )
    params = oauth_params(header)
    assert params["oauth_consumer_key"] == "demo-key"
    assert params["oauth_signature_method"] == "HMAC-SHA1"
    assert params["oauth_nonce"] == "1234567890"
    assert params["oauth_timestamp"] == "1700000000"
    assert "oauth_token" not in params


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "http://127.0.0.1:8090/uitid/rest/uitpas/enduser/0930056878802", None),
        (
            "GET",
            "https://test.uitid.be/uitid/rest/uitpas/passholder/pointsPromotions"
            "?inSpotlight=true&max=20&start=0&uitpasNumber=0930056878802",
            None,
        ),
        (
            "POST",
            "http://127.0.0.1:8090/uitid/rest/uitpas/enduser/checkin",
            "uitpasNumber=0930056878802&checkinCode=https%3A%2F%2Ftest.uitpas.be%2F%3Fqr%3Da%26b+c",
        ),
    ],
)
def test_signature_matches_the_reference(method: str, url: str, body: str | None) -> None:
    auth = ConsumerAuth("demo-key", "s3cr&t with space")
    header = auth.authorization(method, url, body, nonce="4572616e48616d6d", timestamp="1700000000")
    _verify(header, method, url, body, "s3cr&t with space")


def test_a_different_secret_gives_a_different_signature() -> None:
    url = "http://127.0.0.1/uitid/rest/x"
    one = ConsumerAuth("k", "secret-one").authorization("GET", url, nonce="n1", timestamp="1")
    two = ConsumerAuth("k", "secret-two").authorization("GET", url, nonce="n1", timestamp="1")
    assert oauth_params(one)["oauth_signature"] != oauth_params(two)["oauth_signature"]


async def test_what_goes_over_the_wire_is_what_was_signed() -> None:
    """httpx's final URL, query and body bytes are the ones in the signature base string."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"code": "ACTION_SUCCEEDED"})

    auth = ConsumerAuth("demo-key", "demo-secret")
    async with httpx.AsyncClient(auth=auth, transport=httpx.MockTransport(handler)) as http:
        await http.post(
            "http://sandbox.test/uitid/rest/uitpas/enduser/checkin",
            content=b"uitpasNumber=0930056878802&checkinCode=https%3A%2F%2Fuitpas.be%2F%3Fqr%3Dx",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        await http.get(
            "http://sandbox.test/uitid/rest/p", params={"inSpotlight": "true", "q": "a b"}
        )
    post, get = seen
    _verify(
        post.headers["Authorization"], "POST", str(post.url), post.content.decode(), "demo-secret"
    )
    _verify(get.headers["Authorization"], "GET", str(get.url), None, "demo-secret")


def test_the_secret_stays_out_of_the_repr() -> None:
    auth = ConsumerAuth("demo-key", "demo-secret")
    assert "demo-secret" not in repr(auth)
    assert "demo-key" in repr(auth)
