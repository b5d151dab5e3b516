package io.prmsync.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links under a paged table: the same page address with every filter the admin chose, one page back or on.
 *
 * @param page the page shown, from 0
 * @param previous the previous page's address; null on the first
 * @param next the next page's address; null when this page was not full (no more rows)
 */
record Pager(int page, String previous, String next) {

    static Pager of(HttpServletRequest request, int page, int rowsShown, int pageSize) {
        String query = request.getQueryString();
        UriComponentsBuilder here =
                UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query));
        return new Pager(
                page,
                page > 0
                        ? here.cloneBuilder()
                                .replaceQueryParam("page", page - 1)
                                .build()
                                .toUriString()
                        : null,
                rowsShown >= pageSize
                        ? here.cloneBuilder()
                                .replaceQueryParam("page", page + 1)
                                .build()
                                .toUriString()
                        : null);
    }
}
