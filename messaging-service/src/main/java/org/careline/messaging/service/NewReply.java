package org.careline.messaging.service;

/**
 * A reply in a thread.
 *
 * @param timeSpentMinutes   care-team replies only: minutes spent, logged for billing
 * @param clinicalAssessment care-team replies only: whether the patient's problem was evaluated
 * @param replyDirectlyToMe  clinicians only: address the thread to the replying clinician from now on
 */
public record NewReply(String body, Integer timeSpentMinutes, Boolean clinicalAssessment, boolean replyDirectlyToMe) {
}
