package org.careline.billing;

/** Why a biller voided a charge: codes, never free text (free text could carry PHI). */
public enum VoidReason {
    ENTERED_IN_ERROR, DUPLICATE, PAYER_REJECTED, PATIENT_REQUEST, OTHER
}
