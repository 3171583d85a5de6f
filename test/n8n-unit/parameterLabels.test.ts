import type { IHttpRequestHelper, INodeProperties } from 'n8n-workflow';
import { DATE_PRESETS } from '../../core/dates/presets';
import { INPUT_FIELDS } from '../../core/errors/inputFields';
import { InvalidInputError } from '../../core/errors/WeComError';
import { WeComApi } from '../../credentials/WeComApi.credentials';
import { properties as statisticProperties } from '../../nodes/WeComGroupChatStatistic/description/properties';
import { properties as triggerProperties } from '../../nodes/WeComGroupChatStatisticTrigger/description/properties';
import { N8N_LABELS } from '../../nodes/shared/nodeErrors';

/** Every label the panels and the credential dialog show, collections' options included. */
function displayNames(properties: readonly INodeProperties[]): string[] {
  return properties.flatMap((property) => [
    property.displayName,
    ...displayNames((property.options ?? []).filter((option): option is INodeProperties => 'displayName' in option)),
  ]);
}

describe('n8n labels of the core fields', () => {
  it.each([...INPUT_FIELDS])('%s has a label, and it is not the core id', (field) => {
    const label = N8N_LABELS.fields[field];
    expect(typeof label).toBe('string');
    expect(label).not.toBe(field);
  });

  it("every label but the trigger's stored cursor is one the panels or the credential dialog show", () => {
    const shown = new Set(displayNames([...statisticProperties, ...triggerProperties, ...new WeComApi().properties]));
    for (const field of INPUT_FIELDS.filter((id) => id !== 'cursor')) expect(shown).toContain(N8N_LABELS.fields[field]);
  });

  it('names the fields as the panel does', () => {
    expect(N8N_LABELS.fields).toMatchObject({
      from: 'From',
      to: 'To',
      preset: 'Date Range',
      dates: 'Date Range',
      clamp: 'Clamp to Available Days',
      ownerSource: 'Owners',
      owners: 'User IDs',
      ascending: 'Sort Direction',
      limit: 'Limit',
      ownerRecords: 'Owner Records',
      concurrency: 'Concurrency',
      baseUrl: 'Base URL',
      corpId: 'Corp ID',
      corpSecret: 'Secret',
      backfillDays: 'Backfill Days',
    });
  });

  it.each([...DATE_PRESETS])('preset %s is named as its Date Range option', (preset) => {
    const dateRange = statisticProperties.find((property) => property.name === 'dateRange');
    const option = dateRange?.options?.find((candidate) => 'value' in candidate && candidate.value === preset);
    expect(option?.name).toBeDefined();
    expect(N8N_LABELS.options?.preset?.[preset]).toBe(option?.name);
  });
});

describe('the credential test', () => {
  it('names a bad Base URL by its label in the credential dialog', async () => {
    const httpRequest = jest.fn();
    const failure = await new WeComApi()
      .preAuthentication.call({ helpers: { httpRequest } } as unknown as IHttpRequestHelper, { corpId: 'ww_corp', corpSecret: 's', baseUrl: 'qyapi.weixin.qq.com' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidInputError);
    expect((failure as Error).message).toBe('Invalid Base URL: "qyapi.weixin.qq.com" is not a URL. Allowed: an http:// or https:// URL such as https://qyapi.weixin.qq.com.');
    expect(httpRequest).not.toHaveBeenCalled();
  });
});
