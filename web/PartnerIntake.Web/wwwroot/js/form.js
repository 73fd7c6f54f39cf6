// Progressive enhancement only: the form works without this file.
(function () {
    'use strict';

    // Searchable country list: a search box that narrows the select's options.
    document.querySelectorAll('select[data-searchable]').forEach(function (select) {
        var id = select.id + '-search';
        var label = document.createElement('label');
        label.htmlFor = id;
        label.className = 'search-label';
        label.textContent = select.getAttribute('data-search-label');
        var input = document.createElement('input');
        input.type = 'search';
        input.id = id;
        input.autocomplete = 'off';
        input.setAttribute('aria-controls', select.id);
        select.parentNode.insertBefore(label, select);
        select.parentNode.insertBefore(input, select);
        var normalise = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
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

    // The subdivision matters only in some countries: show it there (and whenever it has a value or an error).
    var field = document.getElementById('subdivision-field');
    var country = document.getElementById('organization-country');
    if (field && country) {
        var countries = (field.getAttribute('data-countries') || '').split(' ').filter(Boolean);
        var input = document.getElementById('organization-subdivision');
        var update = function () {
            var show = countries.indexOf(country.value) !== -1 || input.value !== '' || field.classList.contains('has-error');
            field.hidden = !show;
        };
        country.addEventListener('change', update);
        update();
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
