// Progressive enhancement only: the form works without this file.
(function () {
    'use strict';

    // Case and accents do not count when searching ("Genève" is found by "geneve").
    var normalise = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };

    // A labelled search box placed before the element it narrows.
    var searchBox = function (id, labelText, controls, parent, before) {
        var label = document.createElement('label');
        label.htmlFor = id;
        label.className = 'search-label';
        label.textContent = labelText;
        var input = document.createElement('input');
        input.type = 'search';
        input.id = id;
        input.autocomplete = 'off';
        input.setAttribute('aria-controls', controls);
        parent.insertBefore(label, before);
        parent.insertBefore(input, before);
        return input;
    };

    // Searchable country list: a search box that narrows the select's options.
    document.querySelectorAll('select[data-searchable]').forEach(function (select) {
        var input = searchBox(select.id + '-search', select.getAttribute('data-search-label'), select.id, select.parentNode, select);
        input.addEventListener('input', function () {
            var term = normalise(input.value.trim());
            var first = null;
            Array.prototype.forEach.call(select.options, function (option) {
                var match = option.value === '' || term === '' || normalise(option.text).indexOf(term) !== -1 || option.value.toLowerCase() === term;
                option.hidden = !match;
                if (match && option.value !== '' && first === null) { first = option; }
            });
            if (first && term !== '' && (select.value === '' || select.options[select.selectedIndex].hidden)) { first.selected = true; select.dispatchEvent(new Event('change')); }
        });
    });

    // The subdivision matters only in some countries: show it there (and whenever it has an error), offering only
    // the chosen country's subdivisions; another country's choice is cleared, so it is never sent by mistake.
    var field = document.getElementById('subdivision-field');
    var country = document.getElementById('organization-country');
    if (field && country) {
        var countries = (field.getAttribute('data-countries') || '').split(' ').filter(Boolean);
        var subdivision = document.getElementById('organization-subdivision');
        var update = function () {
            Array.prototype.forEach.call(subdivision.querySelectorAll('optgroup'), function (group) {
                var mine = group.getAttribute('data-country') === country.value;
                group.hidden = !mine;
                group.disabled = !mine;
            });
            var chosen = subdivision.options[subdivision.selectedIndex];
            if (chosen && chosen.parentNode.disabled) { subdivision.value = ''; }
            field.hidden = !(countries.indexOf(country.value) !== -1 || field.classList.contains('has-error'));
        };
        country.addEventListener('change', update);
        update();
    }

    // Content languages: a filter box over the checkboxes (by either name, the English name or the code). Ticked
    // languages stay in view, and a polite status says how many are shown.
    var languages = document.getElementById('contentLanguages');
    var list = document.getElementById('contentLanguages-list');
    if (languages && list) {
        var search = searchBox('contentLanguages-search', languages.getAttribute('data-search-label'), list.id, languages, list);
        var status = document.createElement('p');
        status.id = 'contentLanguages-shown';
        status.className = 'hint';
        status.setAttribute('role', 'status');
        search.setAttribute('aria-describedby', status.id);
        languages.insertBefore(status, list);
        var items = Array.prototype.map.call(list.children, function (li) { return { li: li, text: normalise(li.getAttribute('data-search') || ''), box: li.querySelector('input') }; });
        // Until the partner types, the common languages (and any ticked one) show; typing searches all of them.
        var filter = function () {
            var term = normalise(search.value.trim());
            var shown = 0;
            items.forEach(function (item) {
                var match = item.box.checked || (term === '' ? item.li.classList.contains('common') : item.text.indexOf(term) !== -1);
                item.li.hidden = !match;
                if (match) { shown++; }
            });
            status.textContent = term === '' ? languages.getAttribute('data-common') : languages.getAttribute('data-shown').replace('{0}', shown);
        };
        search.addEventListener('input', filter);
        filter();
        // Enter in the filter box narrows the list; it must not send the form.
        search.addEventListener('keydown', function (event) { if (event.key === 'Enter') { event.preventDefault(); } });
    }

    // After a failed submit, move focus to the error summary so screen readers announce it; its links
    // then put focus on the field itself (a plain fragment link only scrolls).
    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
        summary.addEventListener('click', function (event) {
            var link = event.target.closest('a[href^="#"]');
            var target = link && document.getElementById(link.getAttribute('href').slice(1));
            if (target) {
                event.preventDefault();
                if (target.closest('[hidden]')) { target.closest('[hidden]').hidden = false; }
                target.focus();
                target.scrollIntoView({ block: 'center' });
            }
        });
    }
})();
