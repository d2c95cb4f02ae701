vcl 4.1;

# Varnish in front of the Cooperation Portal (README, "Production deployment").
#
# The portal decides what may be shared: only responses marked
# `Cache-Control: public, ..., s-maxage=N` (anonymous pages) are kept, for N
# seconds at most; everything else is passed to the portal. Requests with a
# cookie other than the CSRF and language ones (the session of a logged-in or
# half-logged-in visitor, a flash message) are never answered from the cache.
#
# The portal keeps it fresh (portal/page_cache): after each change it sends
#   PURGE <url>                   drop that URL (Wagtail's frontend cache, pages)
#   BAN / with X-Cache-Tags: tag  drop every object whose X-Cache-Tags holds tag
#                                 ("content": every page; "seats": pages showing
#                                 seats left; ...)
# Both are accepted only from the app servers listed in `purgers`.

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.X-Cache-Tags !~ "^[a-z0-9-]+$") {
            return (synth(400, "One tag in X-Cache-Tags"));
        }
        ban("obj.http.X-Cache-Tags ~ (^|,)" + req.http.X-Cache-Tags + "(,|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The CSRF and language cookies do not change an anonymous page: they are
    # kept aside for the portal (a page using one is never marked public) and
    # left out of the lookup. Any other cookie may: a session (logged in, or
    # half-way through a login or two-factor step), a flash message, a survey
    # answered in this browser. Then the portal answers.
    if (req.http.Cookie) {
        set req.http.X-Portal-Cookie = req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;)\s*(csrftoken|django_language)=[^;]*", "");
        if (req.http.Cookie ~ "[^;\s]") {
            set req.http.Cookie = req.http.X-Portal-Cookie;
            unset req.http.X-Portal-Cookie;
            return (pass);
        }
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Portal-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Portal-Cookie;
        unset bereq.http.X-Portal-Cookie;
    }
}

sub vcl_backend_response {
    # Only what the portal marked shareable, and never a response setting a cookie.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control !~ "s-maxage=[1-9]"
        || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # The TTL comes from s-maxage. No grace: a page past its time (seats,
    # "registration closes") is never served stale while it is fetched again.
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_deliver {
    # Tags are for bans only.
    unset resp.http.X-Cache-Tags;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
