import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys } from "@/lib/api/queries";
import { openPdf } from "@/lib/pdf";

export type CycleView = Schemas["CycleView"];
export type CycleSummary = Schemas["CycleSummary"];
export type CycleInput = Schemas["CycleInput"];
export type SessionView = Schemas["SessionView"];
export type Participant = Schemas["ParticipantView"];
export type AttendanceSheet = Schemas["AttendanceSheet"];
export type AttendanceInput = Schemas["AttendanceInput"];
export type CycleState = Schemas["CycleState"];
export type Presence = Schemas["Presence"];

/** The query keys of cycles, from the widest to the narrowest (invalidate a prefix). */
export const cycleKeys = {
  all: sharedKeys.cycles,
  lists: (orgId: string) => [...cycleKeys.all(orgId), "list"] as const,
  list: (orgId: string, state: CycleState | null, siteId: string | null) => [...cycleKeys.lists(orgId), { state, siteId }] as const,
  detail: (orgId: string, id: string) => [...cycleKeys.all(orgId), "detail", id] as const,
  sheet: (orgId: string, cycleId: string, sessionId: string) => [...cycleKeys.detail(orgId, cycleId), "sheet", sessionId] as const,
  skills: (orgId: string, cycleId: string) => [...cycleKeys.detail(orgId, cycleId), "skills"] as const,
  programmes: (orgId: string) => [...cycleKeys.all(orgId), "programmes"] as const,
  calls: (orgId: string, day: string) => [...cycleKeys.all(orgId), "calls", day] as const,
};

const path = (orgId: string, cycleId: string) => ({ path: { org_id: orgId, cycle_id: cycleId } });
const sessionPath = (orgId: string, cycleId: string, sessionId: string) => ({ path: { org_id: orgId, cycle_id: cycleId, session_id: sessionId } });
const version = (v: number) => ({ "If-Match": `"${v}"` });

export const cycleQueries = {
  list: (orgId: string, state: CycleState | null, siteId: string | null) =>
    infiniteQueryOptions({
      queryKey: cycleKeys.list(orgId, state, siteId),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam }) =>
        unwrap(
          api.GET("/api/v1/orgs/{org_id}/cycles", {
            params: { path: { org_id: orgId }, query: { state: state ?? undefined, site_id: siteId ?? undefined, cursor: pageParam, limit: 25 } },
          }),
        ),
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  detail: (orgId: string, id: string) =>
    queryOptions({ queryKey: cycleKeys.detail(orgId, id), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/cycles/{cycle_id}", { params: path(orgId, id) })) }),
  sheet: (orgId: string, cycleId: string, sessionId: string) =>
    queryOptions({
      queryKey: cycleKeys.sheet(orgId, cycleId, sessionId),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance", { params: sessionPath(orgId, cycleId, sessionId) })),
      // Someone else may fill the same sheet: never keep an old one when coming back.
      staleTime: 0,
    }),
  skills: (orgId: string, cycleId: string) =>
    queryOptions({ queryKey: cycleKeys.skills(orgId, cycleId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/cycles/{cycle_id}/skills", { params: path(orgId, cycleId) })) }),
  programmes: (orgId: string) =>
    queryOptions({ queryKey: cycleKeys.programmes(orgId), queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/programmes", { params: { path: { org_id: orgId } } })), staleTime: 60_000 }),
  calls: (orgId: string, day: string) =>
    queryOptions({
      queryKey: cycleKeys.calls(orgId, day),
      queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/reminders/calls", { params: { path: { org_id: orgId }, query: { day } } })),
    }),
  sites: (orgId: string) =>
    queryOptions({ queryKey: ["sites", orgId], queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/sites", { params: { path: { org_id: orgId } } })), staleTime: 60_000 }),
};

export function useCycles(orgId: string, state: CycleState | null, siteId: string | null) {
  return useInfiniteQuery(cycleQueries.list(orgId, state, siteId));
}

export function useCycle(orgId: string, id: string) {
  return useQuery(cycleQueries.detail(orgId, id));
}

/** Invalidates everything about cycles, and the referrals and households they move. */
function useRefresh(orgId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: cycleKeys.all(orgId) });
    void client.invalidateQueries({ queryKey: sharedKeys.referrals(orgId) });
    void client.invalidateQueries({ queryKey: sharedKeys.households(orgId) });
  };
}

export function usePreview(orgId: string) {
  return useMutation({ mutationFn: (body: CycleInput) => unwrap(api.POST("/api/v1/orgs/{org_id}/cycle-previews", { params: { path: { org_id: orgId } }, body })) });
}

export function useCreateCycle(orgId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({ mutationFn: (body: CycleInput) => unwrap(api.POST("/api/v1/orgs/{org_id}/cycles", { params: { path: { org_id: orgId } }, body })), onSuccess: refresh });
}

export function useChangeState(orgId: string, cycleId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (body: Schemas["CycleStateChange"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/state", { params: path(orgId, cycleId), body })),
    onSuccess: refresh,
  });
}

export function useEnrol(orgId: string, cycleId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (body: Schemas["EnrolInput"]) => unwrap(api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments", { params: path(orgId, cycleId), body })),
    onSuccess: refresh,
  });
}

export function useWithdraw(orgId: string, cycleId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: (enrolmentId: string) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/withdraw", {
          params: { path: { org_id: orgId, cycle_id: cycleId, enrolment_id: enrolmentId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useMoveSession(orgId: string, cycleId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ session, body }: { session: SessionView; body: Schemas["MoveSession"] }) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/move", {
          params: { ...sessionPath(orgId, cycleId, session.id), header: version(session.version) },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCancelSession(orgId: string, cycleId: string) {
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ session, body }: { session: SessionView; body: Schemas["CancelSession"] }) =>
      unwrap(
        api.POST("/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/cancel", {
          params: { ...sessionPath(orgId, cycleId, session.id), header: version(session.version) },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRecordAttendance(orgId: string, cycleId: string, sessionId: string) {
  const client = useQueryClient();
  const refresh = useRefresh(orgId);
  return useMutation({
    mutationFn: ({ sheetVersion, body }: { sheetVersion: number; body: AttendanceInput }) =>
      unwrap(
        api.PUT("/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/attendance", {
          params: { ...sessionPath(orgId, cycleId, sessionId), header: version(sheetVersion) },
          body,
        }),
      ),
    onSuccess: (sheet) => {
      client.setQueryData(cycleKeys.sheet(orgId, cycleId, sessionId), sheet);
      refresh();
    },
  });
}

export function useSaveSkills(orgId: string, cycleId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, moment, levels }: { enrolmentId: string; moment: "start" | "end"; levels: Schemas["LevelInput"][] }) =>
      unwrap(
        api.PUT("/api/v1/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/skills/{moment}", {
          params: { path: { org_id: orgId, cycle_id: cycleId, enrolment_id: enrolmentId, moment } },
          body: { levels },
        }),
      ),
    onSuccess: (skills) => client.setQueryData(cycleKeys.skills(orgId, cycleId), skills),
  });
}

export function useCallDone(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => unwrap(api.POST("/api/v1/orgs/{org_id}/reminders/calls/{call_id}/done", { params: { path: { org_id: orgId, call_id: callId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: [...cycleKeys.all(orgId), "calls"] }),
  });
}

export function useCreateFeed(orgId: string) {
  return useMutation({ mutationFn: (cycleId: string | null) => unwrap(api.POST("/api/v1/orgs/{org_id}/calendar-feeds", { params: { path: { org_id: orgId } }, body: { cycle_id: cycleId } })) });
}

/** Opens the printable sheet of a session (a PDF fetched with the session's token). */
export async function openSheetPdf(orgId: string, cycleId: string, sessionId: string): Promise<void> {
  const blob = await unwrap(
    api.GET("/api/v1/orgs/{org_id}/cycles/{cycle_id}/sessions/{session_id}/sheet.pdf", { params: sessionPath(orgId, cycleId, sessionId), parseAs: "blob" }),
  );
  openPdf(blob as Blob);
}

export function useSaveProgramme(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version: v, body }: { id: string; version: number; body: Schemas["ProgrammeInput"] }) =>
      unwrap(api.PUT("/api/v1/orgs/{org_id}/programmes/{programme_id}", { params: { path: { org_id: orgId, programme_id: id }, header: version(v) }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: cycleKeys.programmes(orgId) }),
  });
}
