package io.prmsync.admin;

import io.prmsync.store.DeadLetter;
import io.prmsync.store.DeadLetterRepository;
import io.prmsync.sync.ops.DeadLetterReplay;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Dead letters: records a flow could not apply, with their error, newest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "400", description = "page or size out of range")
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

    @Operation(summary = "Replays one dead letter through its flow (202: the replay run has started)")
    @ApiResponse(
            responseCode = "202",
            description = "The replay has started: the answer names the letter and its record")
    @ApiResponse(responseCode = "404", description = "No dead letter has that id")
    @ApiResponse(responseCode = "409", description = "The dead letter is not open any more")
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
