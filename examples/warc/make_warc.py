#!/usr/bin/env python3
"""Builds crawl.warc.gz from pages/*.page, the way news crawlers write WARC:
one gzip member per record, a warcinfo record, request/response pairs, and the
things a reader must skip or survive (an image, a 404, a chunked and a gzipped
HTTP body). Deterministic: the same pages give the same bytes.

    python3 examples/warc/make_warc.py   # rewrites examples/warc/crawl.warc.gz
"""
import gzip, io, os, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = [  # file, target URI, fetch time, how the HTTP body is sent
    ("de-sanchez-pham-minh-chinh.page", "https://www.beispiel-zeitung.de/politik/spanien-vietnam-energie-2026-07-22", "2026-07-22T17:02:11Z", "plain"),
    ("en-sanchez-pham-minh-chinh.page", "https://www.example-times.co.uk/world/spain-vietnam-deals-20260722", "2026-07-22T19:40:00Z", "chunked"),
    ("de-giang-fomin.page", "https://www.beispiel-rundschau.de/ausland/vietnam-russland-verteidigung-20261002", "2026-10-02T16:00:05Z", "gzip"),
    ("sv-lavrov-bui-thanh-son.page", "https://www.exempelbladet.se/varlden/lavrov-bui-thanh-son-20260520", "2026-05-20T20:31:44Z", "plain"),
    ("vi-quang-shoigu.page", "https://cong-an-vi-du.vn/an-ninh/viet-nam-nga-ky-ke-hoach-hop-tac-260415.html", "2026-04-15T09:15:00Z", "plain"),
]

def rid(n):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "newsgraph-example-%d" % n)

def record(headers, block):
    head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers)
    head += "Content-Length: %d\r\n\r\n" % len(block)
    data = head.encode() + block + b"\r\n\r\n"
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as g:
        g.write(data)
    return out.getvalue()

def http(status, ctype, body, mode):
    headers = ["HTTP/1.1 %s" % status, "Content-Type: %s" % ctype]
    if mode == "chunked":
        chunks = [body[i:i + 700] for i in range(0, len(body), 700)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
        headers.append("Transfer-Encoding: chunked")
    elif mode == "gzip":
        body = gzip.compress(body, mtime=0)
        headers.append("Content-Encoding: gzip")
        headers.append("Content-Length: %d" % len(body))
    else:
        headers.append("Content-Length: %d" % len(body))
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body

def main():
    n = 0
    out = []
    info = b"software: newsgraph examples/warc/make_warc.py\r\nformat: WARC File Format 1.0\r\n"
    n += 1
    out.append(record([("WARC-Type", "warcinfo"), ("WARC-Date", "2026-10-03T00:00:00Z"),
                       ("WARC-Record-ID", rid(n)), ("Content-Type", "application/warc-fields")], info))
    for name, uri, date, mode in PAGES:
        with open(os.path.join(HERE, "pages", name), "rb") as f:
            body = f.read()
        n += 1
        req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: example-crawler/1.0\r\n\r\n" %
               (uri.split("/", 3)[3] and "/" + uri.split("/", 3)[3], uri.split("/")[2])).encode()
        out.append(record([("WARC-Type", "request"), ("WARC-Target-URI", uri), ("WARC-Date", date),
                           ("WARC-Record-ID", rid(n)), ("Content-Type", "application/http; msgtype=request")], req))
        n += 1
        out.append(record([("WARC-Type", "response"), ("WARC-Target-URI", uri), ("WARC-Date", date),
                           ("WARC-Record-ID", rid(n)), ("Content-Type", "application/http; msgtype=response")],
                          http("200 OK", "text/html; charset=utf-8", body, mode)))
    # Things that are not articles: an image and a missing page.
    n += 1
    out.append(record([("WARC-Type", "response"), ("WARC-Target-URI", "https://www.beispiel-zeitung.de/img/logo.png"),
                       ("WARC-Date", "2026-07-22T17:02:12Z"), ("WARC-Record-ID", rid(n)),
                       ("Content-Type", "application/http; msgtype=response")],
                      http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), "plain")))
    n += 1
    out.append(record([("WARC-Type", "response"), ("WARC-Target-URI", "https://www.example-times.co.uk/world/missing"),
                       ("WARC-Date", "2026-07-22T19:41:00Z"), ("WARC-Record-ID", rid(n)),
                       ("Content-Type", "application/http; msgtype=response")],
                      http("404 Not Found", "text/html", b"<html><body><h1>Not found</h1></body></html>", "plain")))
    with open(os.path.join(HERE, "crawl.warc.gz"), "wb") as f:
        f.write(b"".join(out))

if __name__ == "__main__":
    main()
