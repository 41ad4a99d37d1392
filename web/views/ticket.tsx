/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Config, StaffConfig } from '../../src/config/schema.ts';
import { elevated, isHandlerOf } from '../../src/commands/staff/context.ts';
import { CATEGORY_NAME_ZH, OUTSIDE_PARTY_NAME_ZH, UNIT_NAME_ZH } from '../../src/domain/category.ts';
import { LEDGER_NAME_ZH, ledgersOf } from '../../src/domain/ledger.ts';
import type { Timeliness } from '../../src/domain/timeliness.ts';
import { statusName, type Ticket } from '../../src/domain/ticket.ts';
import { isUrgent } from '../board-data.ts';
import { actorName, eventText, platformName, viaText } from './history.ts';
import { TIMELY_LABEL, when } from './format.ts';
import { formatWindow } from '../../src/templates.ts';
import { Page, type PageProps } from './layout.tsx';

const CATEGORY_CHOICES = ['报修', '有偿', '投诉', '协助', '超范围', '咨询', '突发事件'] as const;

function Action(props: { ticket: Ticket; csrf: string; action: string; label: string; children?: unknown; confirm?: string }) {
  return (
    <form method="post" action={`/tickets/${props.ticket.number}/actions`} class="action" data-confirm={props.confirm}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="action" value={props.action} />
      {props.children as never}
      <button type="submit">{props.label}</button>
    </form>
  );
}

function Row(props: { label: string; value: unknown }) {
  return (
    <tr>
      <th>{props.label}</th>
      <td>{props.value as never}</td>
    </tr>
  );
}

export function TicketPage(
  props: Omit<PageProps, 'title' | 'tab' | 'children'> & { staff: StaffConfig; config: Config; ticket: Ticket; timeliness: Timeliness; csrf: string },
) {
  const { ticket, config, staff, csrf } = props;
  const tz = config.timezone;
  const estate = config.estates.find((e) => e.id === ticket.estate)?.name ?? ticket.estate;
  const desk = elevated(staff) || staff.unit === 'office';
  const works = desk || isHandlerOf(staff, ticket) || staff.unit === ticket.unit;
  const live = ticket.status === 'open' || ticket.status === 'accepted';
  const candidates = config.staff.filter((s) => !s.estate || s.estate === ticket.estate);
  return (
    <Page {...props} title={ticket.number} tab="board">
      <p class="crumbs">
        <a href="/">待办看板</a> › {ticket.number}
      </p>
      <h1>
        {ticket.number} <span class={`status ${ticket.status}`}>{statusName(ticket)}</span>
        {isUrgent(ticket) && <span class="tag red">紧急</span>}
        <span class={`timely t-${props.timeliness.status}`}>{TIMELY_LABEL[props.timeliness.status]}</span>
      </h1>
      <div class="columns">
        <section class="card">
          <h2>工单</h2>
          <table class="fields">
            <Row label="小区" value={estate} />
            <Row label="台账" value={ledgersOf(ticket.category).map((l) => LEDGER_NAME_ZH[l]).join('、')} />
            <Row label="类别" value={`${CATEGORY_NAME_ZH[ticket.category]}(条款 ${ticket.clause})`} />
            {ticket.party && <Row label="协助方" value={OUTSIDE_PARTY_NAME_ZH[ticket.party]} />}
            <Row label="内容" value={ticket.description} />
            <Row label="房号/地点" value={ticket.location?.text ?? ticket.owner.room ?? ''} />
            <Row label="受理时间" value={when(ticket.createdAt, tz)} />
            <Row label="责任部门" value={UNIT_NAME_ZH[ticket.unit]} />
            <Row label="处理人" value={ticket.handler?.name ?? '未接单'} />
            <Row label="预约时间" value={ticket.appointmentAt ? formatWindow(ticket.appointmentAt, ticket.appointmentEnd, tz) : ''} />
            <Row label="承诺时间" value={`${when(ticket.promisedAt, tz)}${ticket.promiseReason ? `(${ticket.promiseReason})` : ''}`} />
            <Row label="完成期限" value={when(props.timeliness.deadline, tz)} />
            <Row label="完成时间" value={when(ticket.completedAt, tz)} />
            <Row label="处理结果" value={ticket.result ?? ''} />
            <Row
              label="业主评价"
              value={ticket.ratings ? `质量 ${ticket.ratings.quality} · 及时 ${ticket.ratings.timeliness} · 态度 ${ticket.ratings.attitude}` : ''}
            />
            <Row label="催单次数" value={String(ticket.ownerChases)} />
          </table>
        </section>
        <section class="card">
          <h2>业主联系方式</h2>
          <table class="fields">
            <Row label="称呼" value={ticket.owner.displayName} />
            <Row label="房号" value={ticket.owner.room ?? ''} />
            <Row label="电话" value={ticket.owner.phone ? <a href={`tel:${ticket.owner.phone}`}>{ticket.owner.phone}</a> : '未留'} />
            <Row label="渠道" value={platformName(ticket.owner.platform)} />
          </table>
          <p class="muted small">完整电话仅在此页向本小区工作人员显示,群聊中一律隐去中间四位。</p>
          <h2>办理</h2>
          {!works && <p class="muted">此工单不由您的部门办理。</p>}
          {works && !desk && !live && <p class="muted">当前状态下没有需要您办理的事项{ticket.status === 'completed' ? '(等待业主评价或管理处回访)' : ''}。</p>}
          {works && ticket.status === 'open' && <Action ticket={ticket} csrf={csrf} action="accept" label="接单" />}
          {desk && live && (
            <Action ticket={ticket} csrf={csrf} action="assign" label="派单">
              <select name="staff" required>
                {candidates.map((s) => (
                  <option value={s.name}>
                    {s.name}({UNIT_NAME_ZH[s.unit]})
                  </option>
                ))}
              </select>
            </Action>
          )}
          {works && live && (
            <Action ticket={ticket} csrf={csrf} action="schedule" label="预约">
              <input name="when" required placeholder="如:明天下午两点" />
            </Action>
          )}
          {works && live && (
            <Action ticket={ticket} csrf={csrf} action="promise" label="承诺">
              <input name="when" required placeholder="如:周五18点;超过3天请写原因" />
            </Action>
          )}
          {works && live && (
            <Action ticket={ticket} csrf={csrf} action="reply" label="回复业主">
              <input name="text" required placeholder="转告业主的话" />
            </Action>
          )}
          {works && ticket.status === 'accepted' && (
            <Action ticket={ticket} csrf={csrf} action="complete" label="完成">
              <input name="result" required placeholder="处理结果(必填,制度5.4)" />
            </Action>
          )}
          {desk && ticket.status !== 'closed' && (
            <Action ticket={ticket} csrf={csrf} action="reclassify" label="定性">
              <select name="category">
                {CATEGORY_CHOICES.map((c) => (
                  <option value={c}>{c}</option>
                ))}
              </select>
              <input name="clause" placeholder="条款(可不填)" size={10} />
            </Action>
          )}
          {desk && ticket.status === 'completed' && (
            <Action ticket={ticket} csrf={csrf} action="visit" label="回访">
              <select name="verdict">
                <option value="满意">满意</option>
                <option value="不满意">不满意</option>
              </select>
              <input name="note" placeholder="备注" />
            </Action>
          )}
          {desk && ticket.status !== 'closed' && (
            <Action ticket={ticket} csrf={csrf} action="close" label="关闭" confirm={`确定关闭 ${ticket.number}?`}>
              {/* Unfinished work needs a reason to be closed (docs/timeliness.md J5; the chat command asks for it too). */}
              <input name="reason" placeholder="原因(重复…可标记重复工单)" required={ticket.status === 'open' || ticket.status === 'accepted'} />
            </Action>
          )}
        </section>
      </div>
      <section class="card">
        <h2>办理经过</h2>
        <table class="grid history">
          <thead>
            <tr>
              <th>时间</th>
              <th>事项</th>
              <th>经办</th>
              <th>内容</th>
              <th>来源</th>
            </tr>
          </thead>
          <tbody>
            {ticket.history.map((e) => {
              const { what, detail } = eventText(e, tz, props.config);
              return (
                <tr>
                  <td>{when(e.at, tz)}</td>
                  <td>{what}</td>
                  <td>{actorName(e)}</td>
                  <td class="text">{detail}</td>
                  <td class="muted">{viaText(e, props.config)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </Page>
  );
}
