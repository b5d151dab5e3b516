package io.prmsync.sandbox;

import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An incoming HTTP request, decoded once: path segments, query parameters, headers and body. */
record ApiRequest(
        String method, List<String> segments, Map<String, String> params, UnaryOperator<String> headers, String body) {

    static ApiRequest from(Request request) {
        return of(request.getMethod().getName(), request.getUrl(), request::getHeader, request.getBodyAsString());
    }

    /** A request for {@code url} (path and query string), as an HTTP request or a composite subrequest names it. */
    static ApiRequest of(String method, String url, UnaryOperator<String> headers, String body) {
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> params = question < 0 ? Map.of() : formDecode(url.substring(question + 1));
        return new ApiRequest(method, List.copyOf(segments), params, headers, body);
    }

    /** Decodes {@code a=1&b=2}: query strings and the OAuth token form alike. */
    static Map<String, String> formDecode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    String header(String name) {
        return headers.apply(name);
    }

    /** {@code 62.0} from {@code /services/data/v62.0/...}. */
    String apiVersion() {
        return segments.get(2).substring(1);
    }

    /** The segments after {@code /services/data/vNN.N}. */
    List<String> resource() {
        return segments.subList(3, segments.size());
    }

    /** Salesforce takes the session id after either "Bearer" or the older "OAuth". */
    Optional<String> sessionToken() {
        String authorization = header("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        for (String scheme : List.of("Bearer ", "OAuth ")) {
            if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return Optional.of(authorization.substring(scheme.length()).trim());
            }
        }
        return Optional.empty();
    }
}
