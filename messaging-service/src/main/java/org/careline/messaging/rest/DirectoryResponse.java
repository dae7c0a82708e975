package org.careline.messaging.rest;

import org.careline.messaging.service.DirectoryView;

import java.util.List;

/** The care teams the caller may message, each with its clinicians. */
public record DirectoryResponse(List<DirectoryView.Team> items) {
}
