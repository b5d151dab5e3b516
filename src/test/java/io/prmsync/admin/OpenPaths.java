package io.prmsync.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prmsync.config.AdminProperties;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** Asks the real {@link AdminTokenFilter}, with no credentials configured, whether it lets a path through. */
public final class OpenPaths {

    private OpenPaths() {}

    /** Whether a GET of {@code path} without any credentials reaches the application. */
    public static boolean openWithoutCredentials(String path) {
        AdminTokens none = new AdminTokens(
                new AdminProperties(
                        List.of(), Path.of("unused"), null, null, DataSize.ofKilobytes(64), DataSize.ofKilobytes(256)),
                new MockEnvironment());
        AdminTokenFilter filter = new AdminTokenFilter(none, new ObjectMapper());
        MockFilterChain chain = new MockFilterChain();
        try {
            filter.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        return chain.getRequest() != null;
    }
}
