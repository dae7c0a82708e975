package org.careline.billing.service;

import org.careline.billing.Charge;

import java.util.List;

/** One page of charges, newest first; {@code nextCursor} null on the last page. */
public record ChargePage(List<Charge> charges, String nextCursor) {
}
