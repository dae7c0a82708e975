package org.careline.platform.security;

/** Realm roles of the {@code careline} Keycloak realm. */
public final class Roles {

    public static final String PATIENT = "patient";
    public static final String CAREGIVER = "caregiver";
    public static final String CLINICIAN = "clinician";
    public static final String STAFF = "staff";
    public static final String BILLING = "billing";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
