package org.careline.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, from the validated token and the request: identifiers only.
 *
 * @param userId    the token subject
 * @param patientId the {@code patient_id} claim (patients only)
 * @param careTeam  the {@code care_team} claim: the team that looks after a patient
 * @param credential the {@code credential} claim (MD, NP, RN...) of care-team members
 * @param groups    the {@code groups} claim: full group paths such as {@code /care-teams/family-medicine/nurse-pool}
 * @param clientId  the {@code azp} claim: the OAuth client used
 * @param address   the client's network address (behind the gateway: the forwarded one)
 * @param purposeOfUseOverride an HL7 PurposeOfUse that replaces the role's default for this access
 *                  (e.g. {@code ETREAT} under a break-the-glass grant); null for the default
 */
public record Caller(String userId, String username, Set<String> roles, String patientId, String careTeam,
                     String credential, Set<String> groups, String clientId, String address, String requestId,
                     String purposeOfUseOverride) {

    private static final String CARE_TEAMS = "/care-teams/";

    /** A caller acting for the default purpose of use of their role. */
    public Caller(String userId, String username, Set<String> roles, String patientId, String careTeam,
                  String credential, Set<String> groups, String clientId, String address, String requestId) {
        this(userId, username, roles, patientId, careTeam, credential, groups, clientId, address, requestId, null);
    }

    /** The same caller acting for another purpose of use, e.g. {@code ETREAT} (emergency treatment). */
    public Caller withPurposeOfUse(String purposeOfUse) {
        return new Caller(userId, username, roles, patientId, careTeam, credential, groups, clientId, address,
                requestId, purposeOfUse);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isPatient() {
        return hasRole(Roles.PATIENT) && patientId != null;
    }

    /** Whether the caller works in a care team: a clinician or staff member. */
    public boolean isCareTeamMember() {
        return hasRole(Roles.CLINICIAN) || hasRole(Roles.STAFF);
    }

    /** The care teams whose groups the caller belongs to, e.g. {@code family-medicine}. */
    public Set<String> careTeams() {
        return groups.stream()
                .filter(g -> g.startsWith(CARE_TEAMS))
                .map(g -> g.substring(CARE_TEAMS.length()).split("/", 2)[0])
                .filter(team -> !team.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean belongsToCareTeam(String team) {
        return isCareTeamMember() && careTeams().contains(team);
    }

    /**
     * The role recorded in audit records: the most specific careline role the caller holds.
     */
    public String primaryRole() {
        for (String role : new String[]{Roles.PATIENT, Roles.CAREGIVER, Roles.CLINICIAN, Roles.STAFF,
                Roles.BILLING, Roles.AUDITOR, Roles.ADMIN}) {
            if (hasRole(role)) {
                return role;
            }
        }
        return "none";
    }

    /** HL7 v3 PurposeOfUse of the caller's access, recorded in audit records. */
    public String purposeOfUse() {
        if (purposeOfUseOverride != null) {
            return purposeOfUseOverride;
        }
        return switch (primaryRole()) {
            case Roles.PATIENT, Roles.CAREGIVER -> "PATRQT";
            case Roles.CLINICIAN, Roles.STAFF -> "TREAT";
            case Roles.BILLING -> "HPAYMT";
            case Roles.AUDITOR -> "HOPERAT";
            default -> "HSYSADMIN";
        };
    }

    public Optional<String> patient() {
        return Optional.ofNullable(patientId);
    }
}
