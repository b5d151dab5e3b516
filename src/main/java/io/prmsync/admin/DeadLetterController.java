package io.prmsync.admin;

import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.sync.ops.DeadLetterReplay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Records that failed for good: listed by flow and error code, and replayed once their cause is fixed. */
@RestController
class DeadLetterController {

    private static final int MAX_PAGE_SIZE = 500;

    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplay replay;

    DeadLetterController(DeadLetterRepository deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetter.Stored> list(
            @RequestParam Optional<String> flow,
            @RequestParam Optional<String> errorCode,
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return deadLetters.page(flow, errorCode, status, page, size);
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable long id) {
        DeadLetter.Stored letter = deadLetters
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id));
        try {
            replay.replay(letter);
        } catch (IllegalStateException notOpen) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, notOpen.getMessage());
        }
        return ResponseEntity.accepted()
                .body(Map.of(
                        "id",
                        id,
                        "flow",
                        letter.flow(),
                        "direction",
                        letter.direction().toLowerCase(),
                        "recordKey",
                        letter.recordKey()));
    }
}
