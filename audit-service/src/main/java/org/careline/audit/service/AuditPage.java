package org.careline.audit.service;

import org.careline.audit.AuditRecord;

import java.util.List;

/**
 * One page of audit records, newest first.
 *
 * @param next where the next page starts; null on the last page
 */
public record AuditPage(List<AuditRecord> records, PageCursor next) {
}
