package org.careline.audit.service;

import java.time.Instant;
import java.util.List;

/**
 * The result of {@code GET /api/v1/audit/verify}.
 *
 * @param valid            true when every chain checked is intact and no record is unchained
 * @param exportedCopies   whether exported checkpoint copies (outside the database) were read too
 * @param unchainedRecords records without a chain position (stored before the chain existed, or around it)
 */
public record VerifyReport(boolean valid, Instant verifiedAt, boolean exportedCopies, long unchainedRecords,
                           List<ChainReport> chains) {
}
