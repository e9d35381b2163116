<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Browser</name>
    <message>
        <location filename="../../app/ui/browser.py" line="92" />
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="92" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>BrowserModel</name>
    <message>
        <location filename="../../app/ui/browser.py" line="303" />
        <source>failed — open again to retry</source>
        <translation>加载失败 — 再次展开以重试</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="305" />
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="308" />
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../app/ui/chart/view.py" line="649" />
        <source>O</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/view.py" line="649" />
        <source>H</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/view.py" line="649" />
        <source>L</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/view.py" line="649" />
        <source>C</source>
        <translation>收</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="103" />
        <source>Candles</source>
        <translation>蜡烛图</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="103" />
        <source>OHLC bars</source>
        <translation>美国线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="104" />
        <source>Line</source>
        <translation>折线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="107" />
        <source>Normal</source>
        <translation>普通坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="107" />
        <source>Log</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="108" />
        <source>Percent</source>
        <translation>百分比坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="111" />
        <source>Exchange time</source>
        <translation>交易所时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="112" />
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="114" />
        <source>Magnet</source>
        <translation>磁吸</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="116" />
        <source>Snap the crosshair to the open, high, low or close</source>
        <translation>十字光标吸附到开盘、最高、最低或收盘价</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="118" />
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="124" />
        <source>Real time ⇥</source>
        <translation>回到实时 ⇥</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="125" />
        <source>Back to the latest bar and follow it (End)</source>
        <translation>回到最新K线并跟随 (End)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="128" />
        <location filename="../../app/ui/chart/widget.py" line="135" />
        <source>Linked</source>
        <translation>联动</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="132" />
        <source>Linked: follows the symbol picked in the watchlist. Fixed: stays on its own symbol.</source>
        <translation>联动：跟随自选列表中选中的品种。固定：保持自己的品种。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="135" />
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="153" />
        <source>No chart — select a symbol in the watchlist</source>
        <translation>暂无图表 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="257" />
        <source>MA — moving averages</source>
        <translation>MA — 移动平均线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="257" />
        <source>EMA — exponential averages</source>
        <translation>EMA — 指数移动平均线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="258" />
        <source>BOLL — Bollinger bands</source>
        <translation>BOLL — 布林带</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="258" />
        <source>VOL — volume</source>
        <translation>VOL — 成交量</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="259" />
        <source>MACD</source>
        <translation>MACD</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="259" />
        <source>RSI — relative strength</source>
        <translation>RSI — 相对强弱指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="269" />
        <source>%s parameters…</source>
        <translation>%s 参数…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="273" />
        <source>MACD the Chinese way (DIF, DEA, bars × 2)</source>
        <translation>国内版 MACD（DIF、DEA、柱 × 2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="300" />
        <source>%s parameters</source>
        <translation>%s 参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="301" />
        <source>%1 (%2):</source>
        <translation>%1（%2）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="364" />
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="387" />
        <source>%1 bars</source>
        <translation>%1 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="388" />
        <source>%1 does not offer %2 bars for %3</source>
        <translation>%1 不提供 %3 的 %2 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="402" />
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="402" />
        <source>exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="405" />
        <source>times in %1 (%2)</source>
        <translation>时间：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="427" />
        <source>Cached bars; asking %s for the latest…</source>
        <translation>显示缓存K线；正在向 %s 请求最新数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="436" />
        <source>Showing cached bars: %s</source>
        <translation>显示缓存K线：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="438" />
        <source>No chart for %1: %2</source>
        <translation>无法显示 %1 的图表：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="445" />
        <source>%1 has no %2 bars for %3</source>
        <translation>%1 没有 %3 的 %2 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="482" />
        <source>No older bars: %s</source>
        <translation>没有更早的K线：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="486" />
        <source>%1 has no %2 bars before %3</source>
        <translation>%1 没有 %3 之前的 %2 K线</translation>
    </message>
</context>
<context>
    <name>Ladder</name>
    <message>
        <location filename="../../app/ui/ladder.py" line="76" />
        <location filename="../../app/ui/ladder.py" line="77" />
        <source>Total</source>
        <translation>累计</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="76" />
        <source>Bid</source>
        <translation>买量</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="76" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="77" />
        <source>Ask</source>
        <translation>卖量</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="236" />
        <source>1 tick</source>
        <translation>1 个最小变动</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="236" />
        <source>%1 ticks</source>
        <translation>%1 个最小变动</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="238" />
        <source>Spread %1%2 (%3 bp) · mid %4</source>
        <translation>价差 %1%2（%3 基点）· 中间价 %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="245" />
        <source>Imbalance %1% (bids %2 · asks %3)</source>
        <translation>买卖失衡 %1%（买 %2 · 卖 %3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="258" />
        <source>Limit up %s</source>
        <translation>涨停 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="260" />
        <source>Limit down %s</source>
        <translation>跌停 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="262" />
        <source>Turnover rate %s%%</source>
        <translation>换手率 %s%%</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="264" />
        <source>Volume ratio %s</source>
        <translation>量比 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="266" />
        <source>Market cap %s</source>
        <translation>总市值 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="268" />
        <source>Float cap %s</source>
        <translation>流通市值 %s</translation>
    </message>
</context>
<context>
    <name>LadderWidget</name>
    <message>
        <location filename="../../app/ui/ladder.py" line="314" />
        <source>No order book — select a symbol in the watchlist</source>
        <translation>暂无盘口 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="360" />
        <source>No order book for %s: indices have no depth</source>
        <translation>%s 无盘口：指数没有深度数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="362" />
        <source>Waiting for the order book…</source>
        <translation>等待盘口数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="404" />
        <source>Crossed book: the best bid is at or above the best ask — not reliable</source>
        <translation>盘口交叉：最优买价不低于最优卖价 — 数据不可靠</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="406" />
        <source>Connection lost: book as of %s</source>
        <translation>连接中断：盘口时间 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="408" />
        <source>Stale: no update for %d s (book as of %s)</source>
        <translation>数据陈旧：%d 秒未更新（盘口时间 %s）</translation>
    </message>
    <message>
        <location filename="../../app/ui/ladder.py" line="410" />
        <source>Market closed: book as of %s</source>
        <translation>已收盘：盘口时间 %s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="74" />
        <location filename="../../app/ui/main_window.py" line="91" />
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="75" />
        <location filename="../../app/ui/main_window.py" line="356" />
        <source>Quote Terminal — %s</source>
        <translation>行情终端 — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="92" />
        <source>Symbols</source>
        <translation>品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="93" />
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="94" />
        <source>Order book</source>
        <translation>盘口</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="95" />
        <source>Time &amp;&amp; sales</source>
        <translation>逐笔成交</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="142" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="143" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="147" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="152" />
        <source>Red means up (Chinese convention)</source>
        <translation>红涨绿跌（国内习惯）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="157" />
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160" />
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="160" />
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="167" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="170" />
        <source>Automatic (the system's)</source>
        <translation>自动（跟随系统）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="264" />
        <source>Chart %s</source>
        <translation>图表 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="295" />
        <source>The language changes at the next start.</source>
        <translation>语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>MarketDataService</name>
    <message>
        <location filename="../../app/services/market_data.py" line="192" />
        <source>Internal error: %s</source>
        <translation>内部错误：%s</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="60" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="76" />
        <source> per minute</source>
        <translation> 次/分钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="79" />
        <source>as many as needed</source>
        <translation>按需</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="88" />
        <source>Data vendor</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="89" />
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="91" />
        <source>HTTP address</source>
        <translation>HTTP 地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="92" />
        <source>WebSocket address</source>
        <translation>WebSocket 地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="93" />
        <source>Symbols in the plan</source>
        <translation>套餐品种数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="94" />
        <source>HTTP requests</source>
        <translation>HTTP 请求</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="95" />
        <source>WebSocket connections</source>
        <translation>WebSocket 连接数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="121" />
        <source>not needed</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124" />
        <source>a key is stored — type to replace it</source>
        <translation>已保存密钥 — 输入新密钥以替换</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="125" />
        <source>Keys are kept in the OS keyring, never in files.</source>
        <translation>密钥保存在系统钥匙串中，不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="127" />
        <source>paste your key</source>
        <translation>粘贴您的密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="128" />
        <source>No key yet. Keys are kept in the OS keyring, never in files.</source>
        <translation>尚无密钥。密钥保存在系统钥匙串中，不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="134" />
        <source>the vendor's own</source>
        <translation>数据源默认</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="143" />
        <source>iTick publishes no limits. Free keys: about 5 requests a minute, on the host https://api-free.itick.org (and wss://api-free.itick.org). Each connection carries up to 500 symbols.</source>
        <translation>iTick 未公布限额。免费密钥：约每分钟 5 次请求，使用 https://api-free.itick.org（及 wss://api-free.itick.org）。每个连接最多 500 个品种。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="149" />
        <source>脉动数据 needs no key: it serves the computers whose IP address it has authorised. Ask the vendor (Telegram @mdapi888) to add this computer's public IP. Its own limits apply: 6 connections, 3 quote requests a second per product.</source>
        <translation>脉动数据无需密钥：按已授权的 IP 地址提供服务。请联系数据商（Telegram @mdapi888）添加本机公网 IP。其限额：6 个连接，每个品种每秒 3 次行情请求。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="169" />
        <source>the OS keyring did not keep it</source>
        <translation>系统钥匙串未能保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="172" />
        <source>The key is used for this session only: %s</source>
        <translation>该密钥仅用于本次会话：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174" />
        <source>%s needs an API key.</source>
        <translation>%s 需要 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="179" />
        <source>An address starts with its scheme, e.g. https:// or wss://</source>
        <translation>地址需以协议开头，例如 https:// 或 wss://</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="23" />
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="24" />
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="25" />
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="26" />
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="27" />
        <source>error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>SymbolBrowser</name>
    <message>
        <location filename="../../app/ui/browser.py" line="406" />
        <source>Could not load the symbol list: %s</source>
        <translation>无法加载品种列表：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="413" />
        <source>Loading categories…</source>
        <translation>正在加载分类…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="418" />
        <source>No categories from this vendor</source>
        <translation>该数据源没有分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="450" />
        <source>Chart %s</source>
        <translation>查看 %s 图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="452" />
        <source>Add to watchlist</source>
        <translation>加入自选</translation>
    </message>
</context>
<context>
    <name>SymbolPalette</name>
    <message>
        <location filename="../../app/ui/palette.py" line="93" />
        <source>Code, name or pinyin initials (gzmt) — Enter to chart</source>
        <translation>代码、名称或拼音首字母（gzmt）— 回车查看图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="140" />
        <source>Enter: chart · Ctrl+Enter: chart and add to the watchlist · Esc: close</source>
        <translation>回车：查看图表 · Ctrl+回车：查看并加入自选 · Esc：关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="142" />
        <source>No symbol matches “%1”. Symbols of a vendor's categories are known once the category has been opened.</source>
        <translation>没有与“%1”匹配的品种。数据源某个分类的品种在展开该分类后才可搜索。</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="145" />
        <source>Type a code (700, AAPL), a name (腾讯, Tencent) or pinyin initials (tx, gzmt).</source>
        <translation>输入代码（700、AAPL）、名称（腾讯、Tencent）或拼音首字母（tx、gzmt）。</translation>
    </message>
</context>
<context>
    <name>Tape</name>
    <message>
        <location filename="../../app/ui/tape.py" line="81" />
        <source>Buy</source>
        <translation>买</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="81" />
        <source>Sell</source>
        <translation>卖</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="83" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="83" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="83" />
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="83" />
        <source>Side</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="204" />
        <source>The vendor gives no side: ▲ up-tick, ▼ down-tick</source>
        <translation>数据源未提供方向：▲ 上涨成交，▼ 下跌成交</translation>
    </message>
</context>
<context>
    <name>TapeWidget</name>
    <message>
        <location filename="../../app/ui/tape.py" line="253" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="254" />
        <source>Hide prints smaller than this</source>
        <translation>隐藏小于此数量的成交</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="258" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="259" />
        <source>Highlight prints from this size or notional; auto: %g× the median size</source>
        <translation>高亮不小于此数量或金额的成交；自动：成交量中位数的 %g 倍</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="265" />
        <source>size</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="266" />
        <source>notional</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="269" />
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="271" />
        <source>Large ≥</source>
        <translation>大单 ≥</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="278" />
        <source>No trades yet — select a symbol in the watchlist</source>
        <translation>暂无成交 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="318" />
        <source>Waiting for trades in %s…</source>
        <translation>等待 %s 的成交…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape.py" line="341" />
        <source>▲ %d new prints — back to the newest</source>
        <translation>▲ %d 笔新成交 — 回到最新</translation>
    </message>
</context>
<context>
    <name>TerminalStatusBar</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="83" />
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_bar.py" line="88" />
        <source>%s msg/s</source>
        <translation>%s 条/秒</translation>
    </message>
</context>
<context>
    <name>Vendors</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="42" />
        <source>Market simulator (no key, no network)</source>
        <translation>行情模拟器（无需密钥和网络）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="43" />
        <source>QOS (qos.hk)</source>
        <translation>QOS（qos.hk）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="44" />
        <source>iTick (itick.org)</source>
        <translation>iTick（itick.org）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="45" />
        <source>脉动数据</source>
        <translation>脉动数据</translation>
    </message>
</context>
<context>
    <name>Watchlist</name>
    <message>
        <location filename="../../app/ui/launcher.py" line="77" />
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="86" />
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="86" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="86" />
        <source>Last</source>
        <translation>最新价</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="87" />
        <source>Change</source>
        <translation>涨跌</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="87" />
        <source>Change %</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="88" />
        <source>Bid</source>
        <translation>买一</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="88" />
        <source>Ask</source>
        <translation>卖一</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="88" />
        <source>Spread</source>
        <translation>价差</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="89" />
        <source>Open</source>
        <translation>开盘</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="89" />
        <source>High</source>
        <translation>最高</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="89" />
        <source>Low</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="90" />
        <source>Prev close</source>
        <translation>昨收</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="90" />
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="91" />
        <source>Turnover</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="91" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="92" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="92" />
        <source>Day</source>
        <translation>分时</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="97" />
        <source>pre</source>
        <translation>盘前</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="97" />
        <source>open</source>
        <translation>交易中</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="97" />
        <source>lunch</source>
        <translation>午休</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="98" />
        <source>after</source>
        <translation>盘后</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="98" />
        <source>night</source>
        <translation>夜盘</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_model.py" line="99" />
        <source>closed</source>
        <translation>已收盘</translation>
    </message>
</context>
<context>
    <name>WatchlistWidget</name>
    <message>
        <location filename="../../app/ui/watchlist.py" line="85" />
        <location filename="../../app/ui/watchlist.py" line="260" />
        <source>New watchlist</source>
        <translation>新建自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="116" />
        <source>No symbols — press / to search, or drag some from Symbols</source>
        <translation>暂无品种 — 按 / 搜索，或从“品种”中拖入</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="191" />
        <source>Default columns</source>
        <translation>默认列</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="260" />
        <location filename="../../app/ui/watchlist.py" line="267" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="267" />
        <source>Rename watchlist</source>
        <translation>重命名自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="273" />
        <source>Delete watchlist</source>
        <translation>删除自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="274" />
        <source>Delete the watchlist “%1” and its %2 symbols?</source>
        <translation>删除自选“%1”及其中的 %2 个品种？</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="295" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="296" />
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist.py" line="299" />
        <source>New watchlist…</source>
        <translation>新建自选…</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <location filename="../../app/ui/workspaces.py" line="35" />
        <source>&amp;Workspace</source>
        <translation>工作区(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="101" />
        <source>Main</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="137" />
        <source>Save workspace as</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="138" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="139" />
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="145" />
        <source>Delete workspace</source>
        <translation>删除工作区</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="146" />
        <source>Delete the workspace “%s”? Its layout cannot be brought back.</source>
        <translation>删除工作区“%s”？其布局将无法恢复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="155" />
        <source>&amp;Save workspace</source>
        <translation>保存工作区(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="156" />
        <source>Save workspace &amp;as…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="157" />
        <source>New &amp;chart</source>
        <translation>新建图表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="158" />
        <source>&amp;Restore default layout</source>
        <translation>恢复默认布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspaces.py" line="170" />
        <source>&amp;Delete workspace</source>
        <translation>删除工作区(&amp;D)</translation>
    </message>
</context>
</TS>