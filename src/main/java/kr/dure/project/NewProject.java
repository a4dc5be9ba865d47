package kr.dure.project;

import java.util.List;

/** A selected project to create. */
public record NewProject(long callId, String code, String titleKo, String titleEn, long leadOrganisationId,
    String regionCode, List<CollaborationType> collaborationTypes, String status, long nationalFundsWon, long localFundsWon) {
}
