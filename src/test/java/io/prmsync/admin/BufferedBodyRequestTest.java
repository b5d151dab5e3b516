package io.prmsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class BufferedBodyRequestTest {

    private final BufferedBodyRequest request = new BufferedBodyRequest(
            new MockHttpServletRequest("POST", "/api/x"), "rules: yes".getBytes(StandardCharsets.UTF_8));

    @Test
    void anAsynchronousReaderGetsTheWholeBodyAndHearsItIsAllRead() throws IOException {
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        List<String> heard = new ArrayList<>();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                heard.add("data");
                while (in.isReady() && !in.isFinished()) {
                    read.write(in.read());
                }
            }

            @Override
            public void onAllDataRead() {
                heard.add("all read");
            }

            @Override
            public void onError(Throwable t) {
                heard.add("error " + t);
            }
        });

        assertThat(heard).containsExactly("data", "all read");
        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("rules: yes");
    }

    @Test
    void aReaderThatFailsHearsItsOwnError() throws IOException {
        List<String> heard = new ArrayList<>();
        request.getInputStream().setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void onAllDataRead() {
                heard.add("all read");
            }

            @Override
            public void onError(Throwable t) {
                heard.add(t.getMessage());
            }
        });

        assertThat(heard).containsExactly("disk full");
    }

    @Test
    void theReaderReadsTheBytesInTheRequestsEncoding() throws IOException {
        assertThat(request.getReader().readLine()).isEqualTo("rules: yes");
    }
}
