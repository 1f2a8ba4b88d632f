import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys } from "@/lib/api/queries";
import { openPdf } from "@/lib/pdf";

export type CourseView = Schemas["CourseView"];
export type CourseSheet = Schemas["CourseSheet"];
export type RecordView = Schemas["RecordView"];
export type Presence = Schemas["Presence"];

export const trainingKeys = {
  all: sharedKeys.training,
  courses: (orgId: string) => [...trainingKeys.all(orgId), "courses"] as const,
  course: (orgId: string, id: string) => [...trainingKeys.all(orgId), "course", id] as const,
  sheet: (orgId: string, course: string, session: string) => [...trainingKeys.course(orgId, course), "sheet", session] as const,
  people: (orgId: string) => [...trainingKeys.all(orgId), "people"] as const,
  person: (orgId: string, id: string) => [...trainingKeys.all(orgId), "person", id] as const,
  me: (orgId: string) => [...trainingKeys.all(orgId), "me"] as const,
};

const org = (orgId: string) => ({ path: { org_id: orgId } });
const course = (orgId: string, id: string) => ({ path: { org_id: orgId, course_id: id } });

export const trainingQueries = {
  courses: (orgId: string) => queryOptions({ queryKey: trainingKeys.courses(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/courses", { params: org(orgId) })) }),
  course: (orgId: string, id: string) =>
    queryOptions({ queryKey: trainingKeys.course(orgId, id), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/courses/{course_id}", { params: course(orgId, id) })) }),
  sheet: (orgId: string, courseId: string, sessionId: string) =>
    queryOptions({
      queryKey: trainingKeys.sheet(orgId, courseId, sessionId),
      queryFn: () =>
        unwrap(api.GET("/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance", { params: { path: { org_id: orgId, course_id: courseId, session_id: sessionId } } })),
      staleTime: 0,
    }),
  people: (orgId: string) => queryOptions({ queryKey: trainingKeys.people(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/training/people", { params: org(orgId) })) }),
  person: (orgId: string, id: string) =>
    queryOptions({
      queryKey: trainingKeys.person(orgId, id),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/training/people/{person_id}", { params: { path: { org_id: orgId, person_id: id } } })),
    }),
  me: (orgId: string) => queryOptions({ queryKey: trainingKeys.me(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/training/me", { params: org(orgId) })) }),
  sites: (orgId: string) =>
    queryOptions({ queryKey: ["sites", orgId], queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: org(orgId) })), staleTime: 60_000 }),
};

function useRefresh(orgId: string) {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: trainingKeys.all(orgId) });
}

export function useCreatePerson(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: Schemas["PersonInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/training/people", { params: org(orgId), body })), onSuccess: refresh });
}

export function useCreateCourse(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: Schemas["CourseInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/courses", { params: org(orgId), body })), onSuccess: refresh });
}

export function useAddTrainee(orgId: string, id: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (personId: string) => unwrap(api.POST("/api/v1/orgs/{org_id}/courses/{course_id}/trainees", { params: course(orgId, id), body: { person_id: personId } })), onSuccess: refresh });
}

export function useValidate(orgId: string, id: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (body: Schemas["CourseValidationInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/courses/{course_id}/validations", { params: course(orgId, id), body })),
    onSuccess: refresh,
  });
}

export function useRecordCourseAttendance(orgId: string, courseId: string, sessionId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: Schemas["CourseAttendanceInput"] }) =>
      unwrap(
        api.PUT("/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance", {
          params: { path: { org_id: orgId, course_id: courseId, session_id: sessionId }, header: { "If-Match": `"${version}"` } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useInvite(orgId: string, id: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (structure: string) => unwrap(api.POST("/api/v1/orgs/{org_id}/courses/{course_id}/invitations", { params: course(orgId, id), body: { organisation_id: structure } })),
    onSuccess: refresh,
  });
}

export function useChangeSession(orgId: string, id: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ session, version, body }: { session: string; version: number; body: Schemas["SessionChange"] }) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/change", {
          params: { path: { org_id: orgId, course_id: id, session_id: session }, header: { "If-Match": `"${version}"` } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

/** Opens an attestation: one's own, or a person's (staff). */
export async function openAttestation(orgId: string, personId: string | null): Promise<void> {
  const blob = personId
    ? await unwrap(api.GET("/api/v1/orgs/{org_id}/training/people/{person_id}/attestation.pdf", { params: { path: { org_id: orgId, person_id: personId } }, parseAs: "blob" }))
    : await unwrap(api.GET("/api/v1/orgs/{org_id}/training/me/attestation.pdf", { params: org(orgId), parseAs: "blob" }));
  openPdf(blob as Blob);
}
