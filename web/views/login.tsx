/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { Page } from './layout.tsx';

/**
 * The page a login link opens. Opening it changes nothing (chat apps fetch links to draw previews); the button
 * spends the one-time token.
 */
export function LoginPage(props: { token?: string; error?: string }) {
  return (
    <Page title="登录" tab="none">
      <section class="card narrow">
        <h1>登录物业服务后台</h1>
        {props.error && <p class="flash error">{props.error}</p>}
        {props.token ? (
          <form method="post" action="/login">
            <input type="hidden" name="token" value={props.token} />
            <p>这是发给您本人的一次性登录链接。</p>
            <button type="submit" class="primary">进入后台</button>
          </form>
        ) : (
          <p>请在与机器人的私聊中发送「后台」,获取一次性登录链接(10分钟内有效)。</p>
        )}
      </section>
    </Page>
  );
}

export function NotFoundPage(props: { text: string }) {
  return <MessagePage title="没有找到" text={props.text} back={{ href: '/', label: '返回待办看板' }} />;
}

/** Something the server cannot do as set up, said in words the office can pass on to whoever runs it. */
export function UnavailablePage(props: { title: string; text: string }) {
  return <MessagePage title={props.title} text={props.text} back={{ href: '/monthly', label: '返回月度分析' }} />;
}

/** A page that only says something, with the way back. */
function MessagePage(props: { title: string; text: string; back: { href: string; label: string } }) {
  return (
    <Page title={props.title} tab="none">
      <section class="card narrow">
        <h1>{props.title}</h1>
        <p>{props.text}</p>
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      </section>
    </Page>
  );
}
