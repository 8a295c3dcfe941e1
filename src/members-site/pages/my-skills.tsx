import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Failure, Loading, Page, SignInButton } from '../components';
import type { MessageKey, Translate } from '../i18n';
import { MySpaceNav } from '../my-space';
import { dateTime } from '../participation';
import { useSite } from '../site';
import { BASE } from '../urls';

/**
 * "My skills": the member's self-assessment of every skill of the skills map, grouped by category,
 * and narrowed to one issue area on request (a skill belongs to the issue areas of the published
 * resources, workshops and reading groups that carry it: GET /api/skills/issue-areas). Each skill has a
 * level from 0 (Learning) to 4 (Expert) or none ("not assessed": no claim), and three flags. One
 * Save replaces all claims at once (the API's all-or-nothing PUT); a refusal is shown next to the
 * skill at fault, with a summary at the top linking to each.
 */

const CATEGORIES = ['forum_court', 'procedure', 'area_of_law', 'method', 'advocacy', 'research', 'communication'] as const;
const LEVELS = [0, 1, 2, 3, 4] as const;
const FLAGS = ['wantsToLearn', 'canMentor', 'openToQuestions'] as const;
type Flag = (typeof FLAGS)[number];

type Skill = { documentId: string; slug: string; name: string; nameLang: string; category: string; description: string | null; parent: string | null };
type SkillRow = {
  documentId: string;
  slug: string;
  name: string;
  category: string;
  description: string | null;
  locale: string;
  parent?: { documentId: string } | null;
};

export type Claim = {
  skill: { documentId: string; slug: string | null; name: string | null };
  level: number;
  levelName: string;
  wantsToLearn: boolean;
  canMentor: boolean;
  openToQuestions: boolean;
  assessedAt: string;
  dueForReassessment: boolean;
};

/** What the form holds for one skill: no level is "not assessed" (no claim). */
type Draft = { level: number | null } & Record<Flag, boolean>;
const EMPTY: Draft = { level: null, wantsToLearn: false, canMentor: false, openToQuestions: false };

const skillsPath = (locale: string, page: number) =>
  `/api/skills?${new URLSearchParams({
    locale,
    'fields[0]': 'name',
    'fields[1]': 'slug',
    'fields[2]': 'category',
    'fields[3]': 'description',
    'fields[4]': 'locale',
    'populate[parent][fields][0]': 'documentId',
    'pagination[pageSize]': '100',
    'pagination[page]': String(page),
    sort: 'name',
  })}`;

const allSkills = async (locale: string, signal: AbortSignal) => {
  const rows: SkillRow[] = [];
  for (let page = 1; ; page += 1) {
    const body = await request<{ data: SkillRow[]; meta: { pagination: { pageCount: number } } }>(skillsPath(locale, page), { signal });
    rows.push(...body.data);
    if (page >= body.meta.pagination.pageCount) return rows;
  }
};

/** Every skill, named in the interface language where it is translated, else in English (the default content locale). */
const loadSkills = async (language: string, signal: AbortSignal): Promise<Skill[]> => {
  const [english, translated] = await Promise.all([allSkills('en', signal), language === 'en' ? Promise.resolve([]) : allSkills(language, signal)]);
  const names = new Map(translated.map((row) => [row.documentId, row]));
  return english.map((row) => {
    const own = names.get(row.documentId);
    return {
      documentId: row.documentId,
      slug: row.slug,
      name: own?.name ?? row.name,
      nameLang: own ? language : 'en',
      category: row.category,
      description: own?.description ?? row.description,
      parent: row.parent?.documentId ?? null,
    };
  });
};

const claimsPath = (language: string) => `/api/skills-mapping/me/claims?${new URLSearchParams({ locale: language })}`;

/** An issue area and the skills used in it (documentIds). */
type IssueArea = { documentId: string; name: string; skills: string[] };
type Loaded = { skills: Skill[]; claims: Claim[]; areas: IssueArea[] };

const useMySkills = () => {
  const { language, session } = useSite();
  const jwt = session?.jwt;
  const [state, setState] = useState<{ data?: Loaded; error?: unknown; jwt?: string }>({});
  useEffect(() => {
    if (!jwt) return;
    const controller = new AbortController();
    // Another language keeps the form (and its unsaved changes) while the names are read again.
    setState((previous) => (previous.jwt === jwt ? { data: previous.data, jwt } : { jwt }));
    Promise.all([
      loadSkills(language, controller.signal),
      request<{ data: Claim[] }>(claimsPath(language), { signal: controller.signal }),
      request<{ data: IssueArea[] }>(`/api/skills/issue-areas?${new URLSearchParams({ locale: language })}`, { signal: controller.signal }),
    ]).then(
      ([skills, claims, areas]) => setState({ data: { skills, claims: claims.data, areas: areas.data }, jwt }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error, jwt });
      },
    );
    return () => controller.abort();
  }, [language, jwt]);
  return state.jwt === jwt ? state : {};
};

const draftsOf = (claims: Claim[]) =>
  Object.fromEntries(
    claims.map((claim) => [
      claim.skill.documentId,
      { level: claim.level, wantsToLearn: claim.wantsToLearn, canMentor: claim.canMentor, openToQuestions: claim.openToQuestions },
    ]),
  ) as Record<string, Draft>;

const same = (a: Draft, b: Draft) => a.level === b.level && FLAGS.every((flag) => a[flag] === b[flag]);

const fieldId = (skill: string) => `skill-${skill}`;
const errorId = (skill: string) => `skill-${skill}-error`;

/** The words of a refusal of one claim, from the API's path and message. */
const problemText = (t: Translate, field: string | undefined, message: string) => {
  if (field === 'skill' && /unknown skill/.test(message)) return t('mySkills.error.unknownSkill');
  if (field === 'level') return t('mySkills.error.level');
  return t('mySkills.error.other', { message });
};

const LevelChoice = ({ skill, draft, onChange, invalid }: { skill: string; draft: Draft; onChange: (level: number | null) => void; invalid: boolean }) => {
  const { t } = useSite();
  const name = `${fieldId(skill)}-level`;
  const option = (value: number | null, label: string, hint: string) => {
    const id = `${name}-${value ?? 'none'}`;
    return (
      <li key={id}>
        <input
          type="radio"
          id={id}
          name={name}
          value={value ?? ''}
          checked={draft.level === value}
          onChange={() => onChange(value)}
          aria-invalid={invalid || undefined}
        />
        <label for={id}>
          <strong>{label}</strong> <span class="hint">{hint}</span>
        </label>
      </li>
    );
  };
  return (
    <fieldset class="level-choice">
      <legend>{t('mySkills.level')}</legend>
      <ul>
        {option(null, t('mySkills.level.none'), t('mySkills.level.none.hint'))}
        {LEVELS.map((level) => option(level, `${level} · ${t(`level.${level}` as MessageKey)}`, t(`mySkills.level.${level}.hint` as MessageKey)))}
      </ul>
    </fieldset>
  );
};

const SkillItem = ({
  skill,
  claim,
  draft,
  problem,
  onChange,
}: {
  skill: Skill;
  claim: Claim | undefined;
  draft: Draft;
  problem: string | undefined;
  onChange: (next: Draft) => void;
}) => {
  const { t, language } = useSite();
  const id = fieldId(skill.documentId);
  const dueId = `${id}-due`;
  const describedBy = [problem ? errorId(skill.documentId) : null, claim?.dueForReassessment ? dueId : null].filter(Boolean).join(' ') || undefined;
  const changed = !same(draft, claim ? draftsOf([claim])[skill.documentId] : EMPTY);
  return (
    <li class={`skill-claim${problem ? ' has-error' : ''}`}>
      <fieldset id={id} tabIndex={-1} aria-describedby={describedBy} aria-invalid={problem ? true : undefined} data-skill={skill.slug}>
        <legend>
          <span lang={skill.nameLang}>{skill.name}</span>
          {changed && <span class="badge changed">{t('mySkills.changed')}</span>}
        </legend>
        {problem && (
          <p id={errorId(skill.documentId)} class="error field-error">
            {problem}
          </p>
        )}
        {skill.description && (
          <p class="note" lang={skill.nameLang}>
            {skill.description}
          </p>
        )}
        {claim && (
          <p id={dueId} class={claim.dueForReassessment ? 'due' : 'assessed'}>
            {claim.dueForReassessment
              ? t('mySkills.due', { date: dateTime(language, claim.assessedAt) })
              : t('mySkills.assessed', { date: dateTime(language, claim.assessedAt) })}
          </p>
        )}
        <LevelChoice skill={skill.documentId} draft={draft} invalid={Boolean(problem)} onChange={(level) => onChange({ ...draft, level })} />
        {draft.level !== null ? (
          <fieldset class="flags">
            <legend>{t('mySkills.flags')}</legend>
            {FLAGS.map((flag) => {
              const flagId = `${id}-${flag}`;
              return (
                <p key={flag} class="check">
                  <input type="checkbox" id={flagId} checked={draft[flag]} onChange={(event) => onChange({ ...draft, [flag]: event.currentTarget.checked })} />
                  <label for={flagId}>{t(`mySkills.${flag}`)}</label>
                </p>
              );
            })}
          </fieldset>
        ) : (
          <p class="note">{t('mySkills.flagsNeedLevel')}</p>
        )}
      </fieldset>
    </li>
  );
};

type Problem = { skill: string; text: string };

const SkillsForm = ({ loaded }: { loaded: Loaded }) => {
  const { t, language } = useSite();
  const [claims, setClaims] = useState(loaded.claims);
  const saved = useMemo(() => draftsOf(claims), [claims]);
  const [drafts, setDrafts] = useState(saved);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState('');
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [onlyAssessed, setOnlyAssessed] = useState(false);
  const [area, setArea] = useState('');
  const inArea = useMemo(() => {
    const chosen = loaded.areas.find((one) => one.documentId === area);
    return chosen ? new Set(chosen.skills) : null;
  }, [loaded.areas, area]);
  const summary = useRef<HTMLDivElement>(null);

  // A skill someone removed since it was claimed stays listed (under "Other"), so the member can drop its claim.
  const skills = useMemo(() => {
    const known = new Set(loaded.skills.map((skill) => skill.documentId));
    const orphans = claims
      .filter((claim) => !known.has(claim.skill.documentId))
      .map((claim) => ({
        documentId: claim.skill.documentId,
        slug: claim.skill.slug ?? claim.skill.documentId,
        name: claim.skill.name ?? claim.skill.slug ?? claim.skill.documentId,
        nameLang: language,
        category: 'other',
        description: null,
        parent: null,
      }));
    return [...loaded.skills, ...orphans];
  }, [loaded.skills, claims, language]);

  const claimOf = useMemo(() => new Map(claims.map((claim) => [claim.skill.documentId, claim])), [claims]);
  const draftOf = (skill: string) => drafts[skill] ?? EMPTY;
  const dirty = skills.some((skill) => !same(draftOf(skill.documentId), saved[skill.documentId] ?? EMPTY));
  const problemOf = new Map(problems.map((problem) => [problem.skill, problem.text]));

  // Leaving the page (closing, reloading) with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const groups = useMemo(() => {
    const byCategory = new Map<string, Skill[]>();
    for (const skill of skills) byCategory.set(skill.category, [...(byCategory.get(skill.category) ?? []), skill]);
    const order = [...CATEGORIES, 'other'];
    return [...byCategory.entries()]
      .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
      .map(([category, members]) => {
        // A narrower skill follows its broader one; otherwise by name.
        const byName = [...members].sort((a, b) => a.name.localeCompare(b.name, language));
        const ordered: Skill[] = [];
        const place = (skill: Skill) => {
          if (ordered.includes(skill)) return;
          ordered.push(skill);
          for (const child of byName.filter((other) => other.parent === skill.documentId)) place(child);
        };
        for (const skill of byName.filter((one) => !one.parent || !members.some((other) => other.documentId === one.parent))) place(skill);
        for (const skill of byName) place(skill);
        return { category, skills: ordered };
      });
  }, [skills, language]);

  const categoryName = (category: string) =>
    CATEGORIES.includes(category as never) ? t(`mySkills.category.${category}` as MessageKey) : t('mySkills.category.other');

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome('');
    setFailure('');
    // The claims in the order they are sent: the API names a refused one by its index.
    const sent = skills
      .map((skill) => ({ skill, draft: draftOf(skill.documentId) }))
      .filter(({ draft }) => draft.level !== null)
      .map(({ skill, draft }) => ({
        skill: skill.documentId,
        level: draft.level!,
        wantsToLearn: draft.wantsToLearn,
        canMentor: draft.canMentor,
        openToQuestions: draft.openToQuestions,
      }));
    try {
      const body = await request<{ data: Claim[] }>(claimsPath(language), { method: 'PUT', body: JSON.stringify({ data: sent }) });
      setClaims(body.data);
      setDrafts(draftsOf(body.data));
      setProblems([]);
      setOutcome(t('mySkills.saved', { count: body.data.length }));
    } catch (error) {
      const listed =
        error instanceof ApiError && error.status === 400
          ? error.fields
              .map((problem) => ({ path: problem.path.split('.'), message: problem.message }))
              .filter((problem) => problem.path[0] === 'data' && sent[Number(problem.path[1])])
              .map((problem) => ({ skill: sent[Number(problem.path[1])].skill, text: problemText(t, problem.path[2], problem.message) }))
          : [];
      setProblems(listed);
      if (listed.length === 0)
        setFailure(error instanceof ApiError && error.status === 400 ? t('mySkills.error.other', { message: error.message }) : t('error.generic'));
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="my-skills-form" class="my-skills" noValidate onSubmit={save}>
      <div
        id="save-summary"
        class="error-summary"
        tabIndex={-1}
        ref={summary}
        role={problems.length || failure ? 'alert' : undefined}
        hidden={!problems.length && !failure}
      >
        {(problems.length > 0 || failure) && (
          <>
            <h2>{t('mySkills.notSaved', { count: problems.length || 1 })}</h2>
            {failure && <p>{failure}</p>}
            <ul>
              {problems.map((problem) => {
                const skill = skills.find((one) => one.documentId === problem.skill);
                return (
                  <li key={problem.skill}>
                    <a
                      href={`#${fieldId(problem.skill)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        const target = document.getElementById(fieldId(problem.skill));
                        const group = target?.closest('details');
                        if (group) group.open = true;
                        target?.focus();
                      }}
                    >
                      {`${skill?.name ?? problem.skill}: ${problem.text}`}
                    </a>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
      <p>{t('mySkills.intro')}</p>
      <p class="field">
        <label for="issue-area">{t('mySkills.issueArea')}</label>
        <select id="issue-area" value={area} aria-describedby="issue-area-hint" onChange={(event) => setArea(event.currentTarget.value)}>
          <option value="">{t('mySkills.allIssueAreas')}</option>
          {loaded.areas.map((one) => (
            <option key={one.documentId} value={one.documentId}>
              {t('mySkills.issueAreaOption', { name: one.name, count: one.skills.length })}
            </option>
          ))}
        </select>
        <span id="issue-area-hint" class="hint">
          {t('mySkills.issueAreaHint')}
        </span>
      </p>
      <p class="check">
        <input type="checkbox" id="only-assessed" checked={onlyAssessed} onChange={(event) => setOnlyAssessed(event.currentTarget.checked)} />
        <label for="only-assessed">{t('mySkills.onlyAssessed')}</label>
      </p>
      {skills.length === 0 && <p>{t('mySkills.noSkills')}</p>}
      {inArea?.size === 0 && <p id="no-skills-in-area">{t('mySkills.noSkillsInArea')}</p>}
      {groups.map(({ category, skills: members }) => {
        const assessed = members.filter((skill) => claimOf.has(skill.documentId)).length;
        const due = members.filter((skill) => claimOf.get(skill.documentId)?.dueForReassessment).length;
        const withProblem = members.some((skill) => problemOf.has(skill.documentId));
        const shown = members.filter(
          (skill) =>
            (!inArea || inArea.has(skill.documentId)) && (!onlyAssessed || draftOf(skill.documentId).level !== null || problemOf.has(skill.documentId)),
        );
        if (shown.length === 0) return null;
        // One issue area's skills are few: their groups open.
        return (
          <details key={category} class="skill-group" id={`group-${category}`} open={withProblem || due > 0 || inArea !== null || undefined}>
            <summary>
              <span class="group-name">{categoryName(category)}</span>{' '}
              <span class="group-count">{t('mySkills.groupCount', { count: members.length, assessed })}</span>
              {due > 0 && <span class="badge due">{t('mySkills.groupDue', { count: due })}</span>}
            </summary>
            <ul class="skill-claims">
              {shown.map((skill) => (
                <SkillItem
                  key={skill.documentId}
                  skill={skill}
                  claim={claimOf.get(skill.documentId)}
                  draft={draftOf(skill.documentId)}
                  problem={problemOf.get(skill.documentId)}
                  onChange={(next) => {
                    setOutcome('');
                    setDrafts((previous) => ({ ...previous, [skill.documentId]: next }));
                  }}
                />
              ))}
            </ul>
          </details>
        );
      })}
      <div class="save-bar">
        <button type="submit" id="save-skills" aria-disabled={busy}>
          {t(busy ? 'mySkills.saving' : 'mySkills.save')}
        </button>
        <p id="unsaved" class="note">
          {dirty ? t('mySkills.unsaved') : ''}
        </p>
        <p id="save-outcome" role="status">
          {outcome}
        </p>
      </div>
    </form>
  );
};

/** What a member without a profile or without a sign-in sees instead of the form. */
export const NoProfile = ({ text }: { text: MessageKey }) => {
  const { t } = useSite();
  return (
    <div class="notice" id="no-profile">
      <p>{t(text)}</p>
      <p>
        <a href={`${BASE}me`}>{t('mine.createProfile')}</a>
      </p>
    </div>
  );
};

export const SignInFirst = ({ text }: { text: MessageKey }) => {
  const { t } = useSite();
  return (
    <div class="notice" id="sign-in-prompt">
      <p>{t(text)}</p>
      <SignInButton />
    </div>
  );
};

export const MySkillsPage = () => {
  const { t, session } = useSite();
  const loaded = useMySkills();
  const noProfile = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <Page title={t('mySkills.title')}>
      <MySpaceNav />
      {!session ? (
        <SignInFirst text="mySkills.signIn" />
      ) : noProfile ? (
        <NoProfile text="mySkills.noProfile" />
      ) : loaded.error ? (
        <Failure error={loaded.error} />
      ) : loaded.data ? (
        <SkillsForm key={session.jwt} loaded={loaded.data} />
      ) : (
        <Loading />
      )}
    </Page>
  );
};
