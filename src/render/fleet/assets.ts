/** The fleet pack's own stylesheet and script (inlined, pinned by hash in the page's CSP). */

export const FLEET_CSS = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1b1f24;background:#fff;font-size:14px}
header,main{max-width:1400px;margin:0 auto;padding:0 16px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.fail,.error{color:#b42318;font-weight:bold}.warn,.manual{color:#9a6700}.pass{color:#1a7f37}.muted{color:#57606a}
.nc{background:#fff5f5}.tag{display:inline-block;padding:0 4px;border-radius:3px;background:#eaeef2;font-size:12px}
details.host{border:1px solid #d0d7de;border-radius:4px;margin:6px 0;padding:4px 8px}details.host>summary{cursor:pointer;font-weight:bold}
.tools{margin:6px 0}.tools input,.tools select{margin-right:8px}
.more{margin:6px 0}
`;

/**
 * Renders a host's part when it is opened: the data is embedded once (JSON in a non-executed script
 * element), parsed on first use, and a table is built with textContent (never innerHTML), a filter by
 * outcome, a search, and rows added 300 at a time. Every word it prints comes with the data
 * (`labels`, in the pack's language), so this script, pinned by its hash, is the same in every language.
 */
export const FLEET_JS = `(function(){
var data=null;
function load(){if(!data){data=JSON.parse(document.getElementById('fleet-data').textContent);}return data;}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=text;return e;}
var OUT=['fail','error','warn','manual','attested','waived','info','not-applicable','pass'];
function render(box){
  var L=load().labels;var host=load().hosts[box.getAttribute('data-host')];
  function num(n){return Number(n).toLocaleString(L.locale);}
  function word(o){return L.outcomes[o]||o;}
  if(!host){box.appendChild(el('p','muted',L.noFindings));return;}
  var tools=el('div','tools');var sel=el('select');var q=el('input');q.type='search';q.placeholder=L.search;
  [['',L.every],['problems',L.problems]].concat(OUT.map(function(o){return [o,word(o)];})).forEach(function(p){var o=el('option',null,p[1]);o.value=p[0];sel.appendChild(o);});
  sel.value='problems';tools.appendChild(sel);tools.appendChild(q);box.appendChild(tools);
  var table=el('table');var head=el('tr');L.columns.forEach(function(h){head.appendChild(el('th',null,h));});
  var thead=el('thead');thead.appendChild(head);table.appendChild(thead);var tbody=el('tbody');table.appendChild(tbody);box.appendChild(table);
  var more=el('button','more',L.showMore);more.type='button';box.appendChild(more);
  var rows=[];var shown=0;
  function matches(c){var f=sel.value;var counts=c[4];
    if(f==='problems'&&!(counts.fail||counts.error||counts.warn||counts.manual))return false;
    if(f&&f!=='problems'&&!counts[f])return false;
    var s=q.value.toLowerCase();if(!s)return true;
    if((c[0]+' '+c[1]).toLowerCase().indexOf(s)>=0)return true;
    for(var i=0;i<c[5].length;i++)if(c[5][i][0].toLowerCase().indexOf(s)>=0)return true;return false;}
  function row(c){var tr=el('tr');tr.appendChild(el('td',null,c[0]));tr.appendChild(el('td',null,c[1]));tr.appendChild(el('td',null,c[3]));
    var oc=el('td');OUT.forEach(function(o){if(c[4][o]){oc.appendChild(el('span',o,word(o)+' '+num(c[4][o])));oc.appendChild(document.createTextNode(' '));}});tr.appendChild(oc);
    var tc=el('td');c[5].slice(0,50).forEach(function(t){var d=el('div');d.appendChild(el('span',t[1],word(t[1])+' '));d.appendChild(el('b',null,t[0]));d.appendChild(document.createTextNode(': '+t[2]));tc.appendChild(d);});
    if(c[5].length>50)tc.appendChild(el('div','muted',L.andMore.replace('{n}',num(c[5].length-50))));tr.appendChild(tc);return tr;}
  function more300(){var end=Math.min(rows.length,shown+300);for(;shown<end;shown++)tbody.appendChild(row(rows[shown]));more.hidden=shown>=rows.length;}
  function refresh(){rows=host.controls.filter(matches);shown=0;tbody.textContent='';more300();}
  sel.addEventListener('change',refresh);q.addEventListener('input',refresh);more.addEventListener('click',more300);refresh();
}
document.querySelectorAll('details.host').forEach(function(d){d.addEventListener('toggle',function(){var box=d.querySelector('.part');if(d.open&&!box.getAttribute('data-done')){box.setAttribute('data-done','1');render(box);}});});
window.fleetReady=true;
})();`;
